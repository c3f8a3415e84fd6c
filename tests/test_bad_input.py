"""Bad content stops the build with one clear message naming the file and the field.

Each test breaks a copy of the real project in one way and runs a real strict build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CARD = "docs/partnerschap/respecteer-ouders.md"
OTHER = "docs/partnerschap/keuzemogelijkheden.md"
CHECKLIST = "docs/checklists/samenwerking-afbrokkelt.md"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (count times; 0 means every occurrence) in a copied project file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, count or -1), encoding="utf-8")


def keep_first_items(path: Path, count: int) -> None:
    """Cut a checklist's item list down to its first `count` items."""
    text = path.read_text(encoding="utf-8")
    items = re.findall(r"^    - .+\n", text, flags=re.MULTILINE)
    for line in items[count:]:
        text = text.replace(line, "", 1)
    path.write_text(text, encoding="utf-8")


CASES = {
    "front matter that does not parse": (
        lambda p: edit(p / CARD, "  tags: [partnerschap", "  tags: [partnerschap: ["),
        [CARD, "front matter is not valid YAML"],
    ),
    "missing required field": (
        lambda p: edit(
            p / CARD,
            "  summary: Ouders en jeugdigen willen eerder samenwerken als zij zich gerespecteerd voelen.\n",
            "",
        ),
        [CARD, "card.summary", "required field is missing"],
    ),
    "unknown field": (
        lambda p: edit(p / CARD, "  tags:", "  tagz: [x]\n  tags:"),
        [CARD, "card.tagz", "unknown field"],
    ),
    "id of the wrong form": (
        lambda p: edit(p / CARD, "id: respecteer-ouders", "id: Respecteer_Ouders"),
        [CARD, "card.id", "should match pattern"],
    ),
    "summary of two sentences": (
        lambda p: edit(p / CARD, "gerespecteerd voelen.", "gerespecteerd voelen. Dat is belangrijk."),
        [CARD, "card.summary", "one sentence"],
    ),
    "the same id in two files": (
        lambda p: edit(p / OTHER, "id: keuzemogelijkheden", "id: respecteer-ouders"),
        ["card.id", "'respecteer-ouders' is already used by"],
    ),
    "related names a card that does not exist": (
        lambda p: edit(p / CARD, "related: [persoon-niet-mishandeling", "related: [bestaat-niet"),
        [CARD, "card.related.0", "'bestaat-niet' is not a card id"],
    ),
    "sources names a source that does not exist": (
        lambda p: edit(p / CARD, 'sources: ["001"]', 'sources: ["009"]'),
        [CARD, "card.sources.0", "'009' is not a source key"],
    ),
    "unknown macro": (
        lambda p: edit(p / CARD, "## Toelichting", "{{ kaart_link('x') }}\n\n## Toelichting"),
        ["respecteer-ouders.md", "kaart_link", "undefined"],
    ),
    "undefined variable": (
        lambda p: edit(p / CARD, "## Toelichting", "{{ onbekende_variabele }}\n\n## Toelichting"),
        ["respecteer-ouders.md", "onbekende_variabele", "undefined"],
    ),
    "card_link to a card that does not exist": (
        lambda p: edit(p / CARD, "## Toelichting", "{{ card_link('bestaat-niet') }}\n\n## Toelichting"),
        ["docs/partnerschap/respecteer-ouders.md", "'bestaat-niet' is not a card id"],
    ),
    "broken link": (
        lambda p: edit(p / CARD, "## Toelichting", "[weg](bestaat-niet.md)\n\n## Toelichting"),
        ["partnerschap/respecteer-ouders.md", "bestaat-niet.md", "not found"],
    ),
    "broken anchor": (
        lambda p: edit(p / CARD, "## Toelichting", "[weg](kind-centraal.md#bestaat-niet)\n\n## Toelichting"),
        ["partnerschap/respecteer-ouders.md", "#bestaat-niet"],
    ),
    "checklist item pointing at a card that does not exist": (
        lambda p: edit(p / CHECKLIST, "- respecteer-ouders/uitgangspunt", "- bestaat-niet/uitgangspunt"),
        [CHECKLIST, "checklist.items.0", "'bestaat-niet/uitgangspunt' is not a check on a card"],
    ),
    "checklist item pointing at a section that does not exist": (
        lambda p: edit(p / CARD, "section: toelichting", "section: bestaat-niet"),
        ["#bestaat-niet"],
    ),
    "checklist with too few items": (
        lambda p: keep_first_items(p / CHECKLIST, 4),
        [CHECKLIST, "checklist.items", "at least 5"],
    ),
    "check declared on a card but on no checklist": (
        lambda p: edit(p / CHECKLIST, "    - respecteer-ouders/uitgangspunt\n", ""),
        [CARD, "card.checks.0", "on no checklist"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_the_build(case: str, broken_project) -> None:
    mutate, expected = CASES[case]
    result = broken_project(mutate)
    assert result.returncode != 0, f"build passed despite: {case}\n{result.output}"
    for needle in expected:
        assert re.search(re.escape(needle), result.output, re.IGNORECASE), (
            f"message for '{case}' lacks {needle!r}:\n{result.output}"
        )
