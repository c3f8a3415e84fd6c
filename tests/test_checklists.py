"""Checklists as a reader gets them: pages, one-page A4 PDFs, links both ways."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from macros.rendering import ALL_CHECKLISTS_PDF, page_url, pdf_path

A4_POINTS = (595, 842)


def squash(text: str) -> str:
    """PDF text comes with line breaks where the page wrapped; compare words only."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def test_every_checklist_has_its_page_and_a_one_page_a4_pdf_with_all_items(site: Path, page, handbook) -> None:
    assert len(handbook.checklists) >= 1
    for checklist in handbook.ordered_checklists():
        html = page(f"checklists/{checklist.id}/")
        assert html.select_one("article h1").get_text(strip=True).startswith(checklist.title)
        items = html.select("article .wk-checklist li")
        assert len(items) == len(checklist.items), checklist.id
        link = html.select_one(f'article a[href="../../{pdf_path(checklist.id)}"]')
        assert link is not None, f"{checklist.id}: no PDF download link"

        reader = PdfReader(site / pdf_path(checklist.id))
        assert len(reader.pages) == 1, f"{checklist.id}: PDF has {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_POINTS, checklist.id
        text = squash(reader.pages[0].extract_text())
        assert squash(checklist.title) in text, checklist.id
        assert checklist.code in text
        for _, check in handbook.checklist_items(checklist):
            assert squash(check.text) in text, f"{checklist.id}: item missing from PDF: {check.text}"


def test_print_all_pdf_holds_every_checklist(site: Path, handbook) -> None:
    reader = PdfReader(site / ALL_CHECKLISTS_PDF)
    assert len(reader.pages) == len(handbook.checklists)


def test_every_item_links_to_an_existing_card_anchor(site: Path, page, handbook) -> None:
    for checklist in handbook.ordered_checklists():
        for link in page(f"checklists/{checklist.id}/").select("article .wk-checklist li a"):
            target, _, anchor = link["href"].partition("#")
            path = (site / "checklists" / checklist.id / target / "index.html").resolve()
            assert path.is_file(), f"{checklist.id}: {link['href']} does not resolve"
            if anchor:
                target_html = page(str(path.relative_to(site)))
                assert target_html.find(id=anchor), f"{checklist.id}: anchor #{anchor} missing in {target}"


def test_every_card_that_feeds_a_checklist_shows_the_backlink(page, handbook) -> None:
    for card_id, card in handbook.cards.items():
        expected = handbook.checklists_for(card)
        section = page(page_url(handbook.paths[card_id])).find(id="checklists")
        if not expected:
            assert section is None, card_id
            continue
        assert section is not None, f"{card_id}: no 'Op checklists' section"
        links = section.find_next("ul").select("a")
        assert [a.get_text(strip=True) for a in links] == [c.title for c in expected], card_id


def test_checklist_rules_hold(handbook) -> None:
    for checklist in handbook.ordered_checklists():
        assert 5 <= len(checklist.items) <= 9
        assert checklist.kind in {"read-do", "do-confirm"}


def test_overview_lists_every_checklist_and_the_print_all_pdf(page, handbook) -> None:
    overview = page("checklists/")
    codes = [c.get_text(strip=True) for c in overview.select("article .grid .wk-code")]
    assert codes == [c.code for c in handbook.ordered_checklists()]
    assert overview.select_one(f'article a[href="../{ALL_CHECKLISTS_PDF}"]')
