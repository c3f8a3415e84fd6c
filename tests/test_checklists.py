"""Checklists as a reader gets them: pages, one-page A4 PDFs, links both ways."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from pypdf import PdfReader

from macros.addresses import ALL_CHECKLISTS_PDF, page_url, pdf_path

A4_POINTS = (595, 842)
#: Any absolute base will do: links are resolved against it, then it is taken off again.
BASE = "https://site.invalid/"


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
    """Red when: the combined PDF repeats one checklist, or holds them out of code order."""
    reader = PdfReader(site / ALL_CHECKLISTS_PDF)
    checklists = handbook.ordered_checklists()
    assert len(reader.pages) == len(checklists)
    for number, (pdf_page, checklist) in enumerate(zip(reader.pages, checklists, strict=True), start=1):
        text = squash(pdf_page.extract_text())
        assert f"{checklist.code} · {squash(checklist.title)}" in text, f"page {number} is not {checklist.code}"


def test_every_item_links_to_an_existing_card_anchor(site: Path, page, handbook) -> None:
    """Red when: an item loses its link, or links to another card or section than the one it comes from."""
    for checklist in handbook.ordered_checklists():
        here = f"checklists/{checklist.id}/"
        items = page(here).select("article .wk-checklist li")
        expected = handbook.checklist_items(checklist)
        assert len(items) == len(expected) == len(checklist.items), checklist.id
        for item, (card, check) in zip(items, expected, strict=True):
            links = item.select("a[href]")
            assert len(links) == 1, f"{checklist.id}: item '{check.id}' has {len(links)} links, expected 1"
            target, _, anchor = urljoin(BASE + here, links[0]["href"]).removeprefix(BASE).partition("#")
            expected_target = (page_url(handbook.paths[card.id]), check.section or "")
            assert (target, anchor) == expected_target, (
                f"{checklist.id}: item '{check.id}' links to {links[0]['href']}, expected {card.id} #{check.section}"
            )
            assert (site / target / "index.html").is_file(), f"{checklist.id}: {links[0]['href']} does not resolve"
            if anchor:
                assert page(target).find(id=anchor), f"{checklist.id}: anchor #{anchor} missing in {target}"


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


def test_overview_lists_every_checklist_and_the_print_all_pdf(page, handbook) -> None:
    overview = page("checklists/")
    codes = [c.get_text(strip=True) for c in overview.select("article .grid .wk-code")]
    assert codes == [c.code for c in handbook.ordered_checklists()]
    assert overview.select_one(f'article a[href="../{ALL_CHECKLISTS_PDF}"]')
