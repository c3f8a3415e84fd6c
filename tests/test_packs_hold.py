"""Course packs that hold (issue 22; review ux-2026-12-04 F5, F6, F7, F18, F19, F20, F24).

The ad-hoc selection survives the back button, search and the menu (this tab's sessionStorage), an
add stays on the card and says how many items the pack holds, the ad-hoc print has a title, the QR
code of its own published link and page numbers, and a declared handout prints its case in full and
no list twice. Each browser test opens pages on nginx with the shipped policy (test_browser's
fixtures), so nothing here needs an inline script or another host.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import test_browser
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

published = test_browser.published
base_url = test_browser.base_url
open_page = test_browser.open_page

from conftest import SITE_URL  # noqa: E402


def listed(page: Page) -> list[str]:
    return page.locator(".wk-lpb-lijst > li").evaluate_all("items => items.map(li => li.dataset.code)")


def add_here(page: Page, path: str, base: str) -> None:
    page.goto(base + path, wait_until="load")
    page.get_by_role("link", name="Aan lespakket toevoegen").click()


def test_an_add_stays_on_the_card_counts_and_survives_back_search_and_menu(open_page, base_url) -> None:
    """Add A14, go back, open CL7 from the menu, add it, then reach the pack page from the top menu: both.

    Red when: "Aan lespakket toevoegen" leaves the card (F19), the count is not announced in a live
    region or focus is lost, or the selection lives only in the address (F5: lost on Back or the menu).
    """
    page, watch = open_page("")
    add_here(page, "achtergrond/welke-aanpak-past/", base_url)
    expect(page).to_have_url(re.compile(r"achtergrond/welke-aanpak-past/(#[\w-]*)?$"))  # the theme tracks the heading
    status = page.locator(".wk-citeer .wk-kopieer-status")
    expect(status).to_have_text("A14 is toegevoegd aan je lespakket. Het lespakket heeft nu 1 onderdeel.")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("link", name="Aan lespakket toevoegen")).to_be_focused()
    page.go_back()
    page.locator(".md-tabs, .md-nav").get_by_role("link", name="Checklists").first.click()
    page.locator("article").get_by_role("link", name="Signalen van intieme terreur").first.click()
    expect(page.locator("a.wk-lp-naar")).to_have_text("Naar je lespakket (1 onderdeel)")
    page.get_by_role("link", name="Aan lespakket toevoegen").click()
    expect(status).to_contain_text("2 onderdelen")
    page.goto(base_url + "lespakket/", wait_until="load")  # as the menu or a search result leads there
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(2)
    assert listed(page) == ["a14", "cl7"]
    assert parse_qs(urlparse(page.url).query)["k"] == ["a14,cl7"]
    expect(page.locator(".wk-screen-only").first).to_contain_text("Sluit je het tabblad, dan is ze weg")
    watch.assert_clean("pack kept in the tab")


def test_a_new_tab_starts_empty(open_page) -> None:
    """The selection is the tab's own: a fresh context (a new tab after closing) has none.

    Red when: the selection is kept in localStorage or a cookie (kept after the tab closes).
    """
    page, _ = open_page("checklists/veilig-genoeg/")
    page.get_by_role("link", name="Aan lespakket toevoegen").click()
    expect(page.locator(".wk-citeer .wk-kopieer-status")).to_contain_text("CL4 is toegevoegd")
    kept = page.evaluate("JSON.stringify(localStorage) + document.cookie")  # the theme keeps its palette there
    assert "cl4" not in kept.lower() and "lespakket" not in kept.lower(), kept
    assert "cl4" in page.evaluate("sessionStorage.getItem('werkkaarten-lespakket')")
    fresh, _ = open_page("lespakket/")
    expect(fresh.locator(".wk-lpb-leeg")).to_be_visible()


def decoded(modules: list[list[int]], scale: int = 6) -> list[str]:
    """What a QR reader (zxing-cpp) reads from a drawn module matrix, as a phone reads it from paper."""
    size = len(modules) * scale
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def test_the_ad_hoc_print_has_title_qr_of_its_published_link_and_page_numbers(open_page, tmp_path: Path) -> None:
    """A title typed by the trainer, the QR code of the published link (read back as a phone reads it), page numbers
    on every page ("Pagina 1 van 2").

    Red when: the print is headed "Lespakket" whatever the trainer typed, the link printed or copied
    is the local address (127.0.0.1, file://) and not SITE_URL (F24), the QR code encodes anything
    else or needs a request, the PDF loses the title, or the print has no page numbers.
    """
    page, watch = open_page("lespakket/?k=cl7,a14,i12")
    page.locator("#wk-lpb-titel").fill("Veiligheid in twee uur")
    expect(page).to_have_url(re.compile(r"\?k=cl7,a14,i12&t=Veiligheid"))
    link = page.locator(".wk-lpb-kopieer").get_attribute("data-wk-copy") or ""
    assert link.startswith(SITE_URL + "lespakket/?k=cl7,a14,i12&t=Veiligheid"), link
    page.emulate_media(media="print")
    paper = page.locator(".wk-lpb-druk")
    expect(paper.locator(".wk-lp-kop")).to_have_text("Veiligheid in twee uur")
    svg = paper.locator("svg.wk-lpb-qr")
    expect(svg).to_have_attribute("data-wk-qr", link)
    drawn = svg.evaluate(
        """svg => { const n = svg.viewBox.baseVal.width; const m = [...Array(n)].map(() => Array(n).fill(0));
        for (const [, x, y] of svg.querySelector('path').getAttribute('d').matchAll(/M(\\d+) (\\d+)/g)) m[+y][+x] = 1;
        return m; }"""
    )
    assert decoded(drawn) == [link], "the QR code does not read back as the pack's published link"
    # F6: the safety next step of CL7 prints; A14's headings are "Op deze kaart", never "Kernpunten".
    expect(paper.locator(".wk-volgende-stap")).to_contain_text("(bron")
    expect(paper).not_to_contain_text("Kernpunten")
    pdf = tmp_path / "adhoc.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Veiligheid in twee uur" in text and "Dit lespakket online" in text, text[:500]
    pages = text.count("\f")
    assert pages >= 2 and f"Pagina 1 van {pages}" in text and f"Pagina {pages} van {pages}" in text, text[-300:]
    watch.assert_clean("ad-hoc print")


def test_lp2_prints_the_case_and_no_list_twice(page) -> None:
    """LP2's handout holds the text of Leo en Nora, and V1's points are printed once, in CL4.

    Red when: a case card prints only its section titles (F7), V1 and CL4 print the same nine points
    one after the other, or the part headings do not name their code (F20).
    """
    html = page("lespakketten/samenwerken-aan-veiligheid/")
    parts = html.select(".wk-lp-onderdeel")
    case = parts[0].get_text(" ", strip=True)
    assert "Leo (40) en Nora (38) hebben drie kinderen" in case and "Ze noemen Leo en Nora niet bij naam" in case
    v1 = next(p for p in parts if "(V1)" in p.h2.get_text())
    assert "Dezelfde punten staan als checklist in onderdeel 5 (CL4)" in v1.get_text(" ", strip=True)
    assert not v1.select("ul li"), "V1's points are printed again"
    headings = [p.h2.get_text(" ", strip=True) for p in parts]
    assert len(set(headings)) == len(headings) and all(re.search(r"\((?:[A-Z]{1,2}\d+)\)", h) for h in headings)
