"""The ad-hoc pack page (lespakket/?k=...) reads the address as people write it, and says what it skipped.

Fuzz report 2026-12-04, finding F12: a space after a comma lost the code, a second `k` parameter was
ignored, a course pack's code (LP1) was called unknown, malformed codes vanished without a word, and
500 codes made a 2,751-character line. Each test opens the page in Chromium on nginx with the shipped
Content-Security-Policy (the fixtures of test_browser.py), so the page also proves it needs no inline
script or style.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest
import test_browser
from playwright.sync_api import Page, expect

from macros.addresses import page_url

# The browser tests' fixtures, reused: pytest finds a fixture under the name it has in this module.
published = test_browser.published
base_url = test_browser.base_url
open_page = test_browser.open_page

#: Runs before the site's scripts: every alert() a payload manages to call is recorded, not shown.
RECORD_ALERTS = "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"


def listed(page: Page) -> list[str]:
    """The codes in the reader's selection, in order."""
    return page.locator(".wk-lpb-lijst > li").evaluate_all("items => items.map(li => li.dataset.code)")


def address_codes(page: Page) -> list[list[str]]:
    """Every `k` parameter of the address as the page left it, each split at its commas."""
    return [value.split(",") for value in parse_qs(urlparse(page.url).query).get("k", [])]


def note(page: Page):
    return page.locator(".wk-lpb-onbekend")


def test_spaces_after_commas_and_plus_signs_keep_the_codes(open_page) -> None:
    """`?k=p1, p2,+p3, cl4 ` (as people type it; a "+" in an address is a space) gives all four items.

    Red when: lespakket.js trims a code only to test it and keeps the untrimmed value (P1 only, and
    "Onbekende code overgeslagen:  p2,  p3"), or the rewritten address keeps the spaces.
    """
    page, watch = open_page("lespakket/?k=p1,%20p2,+p3,%20cl4%20")
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(4)
    assert listed(page) == ["p1", "p2", "p3", "cl4"]
    expect(page).to_have_url(re.compile(r"lespakket/\?k=p1,p2,p3,cl4$"))
    expect(note(page)).to_be_hidden()
    watch.assert_clean("codes with spaces")


def test_a_repeated_k_parameter_is_merged(open_page) -> None:
    """`?k=p1&k=p2,cl4&k=p1` gives P1, P2 and CL4, and the address becomes one `k`.

    Red when: only the first `k` is read (URLSearchParams.get), so P2 and CL4 are dropped silently.
    """
    page, watch = open_page("lespakket/?k=p1&k=p2,cl4&k=P1")
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(3)
    assert listed(page) == ["p1", "p2", "cl4"]
    expect(page).to_have_url(re.compile(r"lespakket/\?k=p1,p2,cl4$"))
    assert address_codes(page) == [["p1", "p2", "cl4"]]
    expect(note(page)).to_be_hidden()
    watch.assert_clean("repeated k")


def test_a_course_pack_code_points_to_the_pack(open_page, handbook) -> None:
    """`?k=lp1,p1`: LP1 is named as a course pack, with a link to its page; P1 is the selection.

    Red when: the pack data (Renderer.pack_data) has no packs, so LP1 is "Onbekende code", or the
    note has no working link to the pack's page.
    """
    pack = next(p for p in handbook.packs.values() if p.code == "LP1")
    path = page_url(handbook.pack_paths[pack.id])
    page, watch = open_page("lespakket/?k=lp1,p1")
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(1)
    assert listed(page) == ["p1"]
    expect(note(page)).to_be_visible()
    expect(note(page)).to_contain_text("LP1 is een vast lespakket")
    expect(note(page)).not_to_contain_text("Onbekende code")
    link = note(page).get_by_role("link", name=pack.title)
    expect(link).to_have_attribute("href", re.compile(re.escape(path) + r"(\?lespakket=p1)?$"))
    watch.assert_clean("pack code")
    link.click()
    expect(page).to_have_url(re.compile(re.escape(path)))
    expect(page.locator("article h1")).to_contain_text(pack.title)


@pytest.mark.parametrize("csp", ["shipped", "bypassed"])
def test_malformed_codes_are_named_as_text_and_stay_named(open_page, csp: str) -> None:
    """Malformed codes (markup, a letter too many, a leading zero, four digits, an emoji) are named under
    "Niet herkend en overgeslagen", as text and cut to 20 characters; no payload runs, with or without
    the CSP; the note stays after the address is rewritten and after the reader removes an item.

    Red when: they are dropped without a word (as before F12), the note is built with innerHTML (an
    <img> or <script> element appears in it, or alert() runs once the CSP is bypassed), a long one is
    not cut, or rewriting the address (history.replaceState) hides the note.
    """
    written = ["zzz", "p01", "p1000", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "😀"]
    value = quote(",".join(["p1", *written, "cl4"]), safe=",")
    page, watch = open_page(f"lespakket/?k={value}", init_script=RECORD_ALERTS, bypass_csp=csp == "bypassed")
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(2)
    assert listed(page) == ["p1", "cl4"]
    expect(page).to_have_url(re.compile(r"lespakket/\?k=p1,cl4$"))  # rewritten without them

    line = note(page).locator("p", has_text="Niet herkend en overgeslagen:")
    expect(line).to_be_visible()
    assert note(page).locator("script, img, svg, iframe").count() == 0, note(page).inner_html()
    shown = ["zzz", "p01", "p1000", "<script>alert(1)</s…", "<img src=x onerror=…", "😀"]
    expect(line.locator("code")).to_have_text(shown)
    assert page.evaluate("window.__alerts") == []

    page.get_by_role("button", name="P1 verwijderen").click()
    expect(page).to_have_url(re.compile(r"lespakket/\?k=cl4$"))
    expect(line).to_be_visible()
    expect(line.locator("code")).to_have_text(shown)
    assert page.evaluate("window.__alerts") == []
    watch.assert_clean(f"malformed codes (CSP {csp})")


def test_five_hundred_codes_give_a_short_note_with_a_count(open_page, handbook) -> None:
    """500 well-formed codes (a1...a250, x1...x250) and 30 long malformed ones: the items that exist are
    listed; each kind of skipped code names at most 10, each at most 20 characters, then "en N andere".

    Red when: every skipped code is listed (one line of thousands of characters, as before F12), the
    count is wrong, or a long code is shown whole.
    """
    codes = [f"a{n}" for n in range(1, 251)] + [f"x{n}" for n in range(1, 251)]
    malformed = [f"{'y' * 40}{n}" for n in range(30)]
    known = {thing.code.lower() for thing in [*handbook.ordered(), *handbook.ordered_checklists()]}
    found = [code for code in codes if code in known]
    unknown = [code for code in codes if code not in known]
    assert found and len(unknown) > 10

    page, watch = open_page("lespakket/?k=" + ",".join(codes + malformed))
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(len(found))
    assert listed(page) == found

    unknown_line = note(page).locator("p", has_text="Onbekende codes overgeslagen:")
    expect(unknown_line.locator("code")).to_have_text(unknown[:10])
    expect(unknown_line).to_have_text(re.compile(rf" en {len(unknown) - 10} andere\.$"))
    malformed_line = note(page).locator("p", has_text="Niet herkend en overgeslagen:")
    expect(malformed_line.locator("code")).to_have_text(["y" * 19 + "…"] * 10)
    expect(malformed_line).to_have_text(re.compile(r" en 20 andere\.$"))
    text = note(page).inner_text()
    assert len(text) < 400, f"{len(text)} characters: {text[:200]}…"
    watch.assert_clean("500 codes")
