"""Herkomst: the source map (docs/_data/herkomst.yml) is content data, checked at build; every card shows where
each of its sections comes from, the sources page shows each source's outline, and `make bronwijziging` names
the cards to review when a source is revised.

The map's bad input is in test_herkomst_bad_input.py (each case with a valid twin, in process).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_DOCS

from macros.addresses import page_url
from macros.validation import load_handbook
from scripts import bronwijziging

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SOURCE = FIXTURE_DOCS.parent / "bronnen" / "001.txt"


@pytest.fixture(scope="module")
def fixture_handbook():
    return load_handbook(FIXTURE_DOCS)


def revised(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = FIXTURE_SOURCE.read_text(encoding="utf-8")
    assert old in text, f"fixture source lacks {old!r}"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def run(tmp_path: Path, new: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = bronwijziging.main(["001", str(new), "--oud", str(FIXTURE_SOURCE), "--docs", str(FIXTURE_DOCS)])
    return code, capsys.readouterr().out


def test_an_unchanged_source_needs_no_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Red when: the comparison reports a difference between a source and an identical copy of it."""
    copy = tmp_path / "same.txt"
    shutil.copy(FIXTURE_SOURCE, copy)
    code, out = run(tmp_path, copy, capsys)
    assert code == 0 and "niets te herzien" in out


def test_a_changed_sentence_names_the_card_sections_and_review_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture_handbook
) -> None:
    """Red when: a changed sentence in a section is not reported, or the report leaves out a card section that
    carries it or its `reviewed` date."""
    new = revised(tmp_path, "changed.txt", "stel het kind centraal", "stel altijd het kind centraal")
    code, out = run(tmp_path, new, capsys)
    assert code == 0, out
    assert "GEWIJZIGD: deel 1: Bron een › Inleiding" in out
    for card_id, anchor in (("respecteer-ouders", "toelichting"), ("kind-centraal", "toelichting")):
        card = fixture_handbook.cards[card_id]
        assert f"{card.code} {card_id}#{anchor}" in out and f"beoordeeld {card.reviewed}" in out
    assert "mediation#" not in out, "an unchanged section's cards are listed"


def test_a_removed_section_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Red when: a section of the map that is gone from the new text passes with exit 0, or its cards are not named."""
    text = FIXTURE_SOURCE.read_text(encoding="utf-8")
    start, end = text.index("Wanneer mediation"), text.index("Cookies op")
    new = tmp_path / "removed.txt"
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out = run(tmp_path, new, capsys)
    assert code == 1, out
    assert "NIET MEER GEVONDEN: deel 2: Bron een › Mediation" in out
    assert "mediation#wanneer" in out


def test_an_inserted_section_is_reported_as_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Red when: a passage added to the source goes unreported, or is reported as a lost section (exit 1)."""
    inserted = "Een nieuw deel\n\nDe bron heeft er een heel nieuw deel bij gekregen over het netwerk van het gezin.\n\n"
    new = revised(tmp_path, "inserted.txt", "Cookies op deze website", inserted + "Cookies op deze website")
    code, out = run(tmp_path, new, capsys)
    assert code == 0, out
    assert "NIEUW DEEL" in out and "deel 2: Bron een › Mediation" in out and "Een nieuw deel" in out


def test_every_card_shows_its_herkomst(page, handbook) -> None:
    """Red when: a card lacks its closed Herkomst block, or the block leaves out a section of the card, a passage
    that feeds it (source key and the source's own headings), or the editors' own mark."""
    for card in handbook.ordered():
        article = page(page_url(handbook.paths[card.id])).select_one("article")
        block = article.select_one("details.wk-herkomst#herkomst")
        assert block is not None and not block.has_attr("open"), f"{card.id}: no closed Herkomst block"
        text = re.sub(r"\s+", " ", block.get_text(" "))
        for part in handbook.herkomst_of(card):
            assert block.find("a", href=f"#{part.anchor}"), f"{card.id}: section #{part.anchor} not in its Herkomst"
            for passage in part.passages:
                expected = f"{passage.key} › " + " › ".join(passage.section.path)
                link = block.find("a", href=re.compile(f"#{passage.anchor}$"))
                assert link is not None and expected in link.get_text(), f"{card.id}: '{expected}' missing"
            if part.own:
                assert "van de redactie" in text, f"{card.id}: #{part.anchor} is not marked as the editors' own"


def test_the_sources_page_shows_each_outline_with_links_that_resolve(page, handbook) -> None:
    """Red when: a source's outline on the sources page misses a part, a part's links to card sections do not
    resolve to a heading on that card, or a part left out does not say why."""
    sources = page(page_url("over/bronnen.md"))
    for key in handbook.source_registry.sources:
        passages = handbook.passages(key)
        assert passages, f"source {key} has no outline"
        for passage in passages:
            part = sources.find(id=passage.anchor)
            assert part is not None, f"{passage.anchor} missing on the sources page"
            if passage.section.noise:
                assert "weggelaten" in part.get_text(), f"{passage.anchor}: no reason for leaving it out"
            links = part.find_all("a")
            assert len(links) == len(passage.section.cards)
            for link, carrier in zip(links, handbook.carriers(passage), strict=True):
                href = link["href"]
                assert href.endswith(f"#{carrier.anchor}"), href
                target = page(page_url(handbook.paths[carrier.card.id]))
                assert target.find(id=carrier.anchor) is not None, f"{href}: no such heading"


def test_every_heading_in_the_map_is_the_sources_own(seeds: Path, handbook) -> None:
    """Red when: a `path` in the map holds words that are not a heading (a line) of the source: the editors'
    words belong in `description`, shown labelled as theirs."""
    for key in handbook.source_registry.sources:
        (path,) = seeds.glob(f"{key}_*.txt")
        lines = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
        for passage in handbook.passages(key):
            for heading in passage.section.path:
                assert heading in lines, f"{key} part {passage.number}: '{heading}' is not a line of the source"
