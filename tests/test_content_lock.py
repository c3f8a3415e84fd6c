"""No silent edits (issue 18): what a page says cannot change without a record a trainer can see.

The rule is checked in-process on a copy of the fixture with its content recorded (no command line
is needed to show it); the real handbook's lock must be current, and every record it holds must
reach the changes page, its own page and, for a checklist, the printed PDF.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_DOCS
from pypdf import PdfReader

from macros.addresses import page_url, pdf_path
from macros.content_lock import GLOSSARY_KEY, lock_text, stale
from macros.errors import HandbookError
from macros.validation import load_handbook

CARD = "partnerschap/respecteer-ouders.md"
CHECKLIST = "checklists/voor-het-gesprek.md"
PACK = "lespakketten/eerste.md"
SENTENCE = "Heb ik ouders"


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    """A copy of the fixture's docs/ whose current content is recorded in its lock."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_DOCS, docs)
    (docs / "_data" / "vastgelegd.yml").write_text(lock_text(load_handbook(docs)), encoding="utf-8")
    assert stale(load_handbook(docs)) == []
    return docs


def _edit(docs: Path, file: str, old: str, new: str) -> None:
    path = docs / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(docs: Path) -> list[str]:
    try:
        load_handbook(docs)
    except HandbookError as error:
        return [str(p) for p in error.problems]
    return []


def test_a_changed_sentence_without_a_record_stops_the_build(recorded: Path) -> None:
    """Red when: the fingerprint leaves out the checks, or the check is not run by the build."""
    _edit(recorded, CARD, SENTENCE, "Heb ik beide ouders")
    problems = _problems(recorded)
    assert any(p.startswith(f"docs/{CARD}: changes: content changed since its review of") for p in problems), problems
    # The checklist and the course pack print that sentence too: each needs its own record.
    assert any(p.startswith(f"docs/{CHECKLIST}: changes: content changed") for p in problems), problems
    assert any(p.startswith(f"docs/{PACK}: changes: content changed") for p in problems), problems


def test_a_body_edit_without_a_record_stops_the_build_but_layout_does_not(recorded: Path) -> None:
    _edit(recorded, CARD, "## Toelichting { #toelichting }\n", "## Toelichting { #toelichting }\n\nNieuwe zin.\n")
    assert any("content changed" in p for p in _problems(recorded))
    _edit(recorded, CARD, "\nNieuwe zin.\n", "\n")
    _edit(recorded, CARD, "  tags: [", "  tags: [extra-tag, ")  # where a card sits, not what it says
    assert _problems(recorded) == []


def test_with_a_record_and_a_new_date_the_change_builds(recorded: Path) -> None:
    _edit(recorded, CARD, SENTENCE, "Heb ik beide ouders")
    note = "  changes:\n    - date: 2026-12-04\n      summary: Vraag over beide ouders in plaats van ouders.\n"
    for file in (CARD, CHECKLIST, PACK):
        _edit(recorded, file, "  reviewed: 2026-11-25", note + "  reviewed: 2026-12-04")
    assert _problems(recorded) == []
    assert set(stale(load_handbook(recorded))) == {CARD, CHECKLIST, PACK}  # `make vastleggen` still to run


def test_a_change_of_substance_moves_the_review_date(recorded: Path) -> None:
    """Paper and citations print `reviewed`: a record newer than it must bring the date along."""
    note = "  changes:\n    - date: 2026-12-01\n      summary: Een wijziging van inhoud zonder nieuwe datum.\n"
    _edit(recorded, CARD, "  reviewed: ", note + "  reviewed: ")
    assert any("is newer than reviewed (2026-11-25)" in p for p in _problems(recorded)), _problems(recorded)
    _edit(recorded, CARD, "      summary: Een wijziging", "      correction: true\n      summary: Een wijziging")
    assert _problems(recorded) == []  # a wording correction keeps the date


def test_a_removed_record_and_a_glossary_edit_are_caught(recorded: Path) -> None:
    glossary = recorded / "_data" / "begrippen.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("definition: ", "definition: Anders, ", 1), encoding="utf-8")
    assert any(p.startswith("docs/_data/wijzigingen.yml: changes: content changed") for p in _problems(recorded))
    log = recorded / "_data" / "wijzigingen.yml"
    log.write_text(
        log.read_text().replace(
            "changes: []",
            "changes:\n  - date: 2026-12-04\n    page: over/begrippen.md\n    summary: Een definitie aangepast.",
        )
    )
    assert _problems(recorded) == []
    assert GLOSSARY_KEY in stale(load_handbook(recorded))
    log.write_text(log.read_text().replace("page: over/begrippen.md", "page: over/bestaat-niet.md"))
    assert any("changes.0.page: 'over/bestaat-niet.md' is not a page" in p for p in _problems(recorded))


def test_the_handbooks_content_is_recorded(handbook) -> None:
    """Red when: content changed with a record but `make vastleggen` was not run, so the next edit
    would pass on the old record."""
    assert stale(handbook) == [], f"run `make vastleggen`: {stale(handbook)}"


def test_every_record_shows_on_the_changes_page_its_own_page_and_the_checklist_pdf(page, handbook, site) -> None:
    # get_text() without a separator: an <abbr> inside a summary must not gain spaces ("NJi -tekst").
    changes_page = " ".join(page("veranderd/").select_one("article").get_text().split())
    assert "eerste uitgave" in changes_page
    seen = 0
    things = [*handbook.cards.values(), *handbook.checklists.values()]
    for thing in things:
        own = " ".join(page(page_url(handbook.item_path(thing))).select_one("article").get_text().split())
        for change in thing.changes:
            seen += 1
            summary = " ".join(change.summary.split())
            assert summary in changes_page, f"{thing.code}: {summary!r} not on the changes page"
            assert summary in own, f"{thing.code}: {summary!r} not on its page"
        if thing in handbook.checklists.values() and thing.changes:
            pdf = site / pdf_path(thing.id)
            text = " ".join((PdfReader(pdf).pages[0].extract_text() or "").split())
            assert "gewijzigd" in text, f"{thing.code}: the PDF does not say the list changed"
    assert seen, "no change recorded anywhere"
