"""Output is safe by construction, and the security policy is an allow-list that can fail.

Text from data is shown as written, never run: the minimal fixture is built with injection
payloads in every free-text field (card, checklist, sources, families, roles, glossary), and the
result is read as HTML here and loaded in Chromium in test_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import SITE_URL
from payloads import SUMMARY, TEXT, TITLE

from scripts.security_headers import CONTENT_SECURITY_POLICY, MAX_HEADER_LINE, check, check_page, header_files

BASE = urlparse(SITE_URL).path


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("k/"))


def test_payloads_in_data_never_become_markup(injected_site: Path) -> None:
    """Red when: the renderer's finalize escaping is switched off, or page titles are set unescaped."""
    assert check(injected_site, BASE) == [], "the security check found injected markup"
    for path in _pages(injected_site):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        where = path.relative_to(injected_site)
        assert not soup.select("[onerror], [onclick]"), f"{where}: an event handler got through"
        assert not soup.select('a[href^="javascript"]'), f"{where}: a javascript: link got through"
        assert not soup.select('meta[http-equiv="refresh"]'), f"{where}: a refresh got through"
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
        assert not inline, f"{where}: inline script {inline[0]}"
        assert "alert(" not in " ".join(s.get_text() for s in soup.find_all("script")), f"{where}: payload in a script"


def test_payloads_show_as_written(injected_site: Path) -> None:
    """A title such as 'Kinderen <6 jaar>' shows as written: in the heading, the title bar, the description,
    the previews, the grids and the copy buttons."""
    card = BeautifulSoup((injected_site / "partnerschap/respecteer-ouders/index.html").read_text(), "lxml")
    assert card.h1.get_text(" ", strip=True).startswith(TITLE.split(" *")[0]), card.h1
    assert TITLE in card.h1.get_text()
    assert card.title.get_text().startswith(f"{TITLE} · kaart P1")
    assert card.find("meta", attrs={"name": "description"})["content"] == SUMMARY
    assert card.find("meta", property="og:title")["content"].startswith(f"{TITLE} · kaart P1")
    assert card.find("meta", property="og:description")["content"] == SUMMARY
    assert SUMMARY in card.select_one(".wk-samenvatting").get_text()
    assert any(TITLE in b["data-wk-copy"] for b in card.select("[data-wk-copy]"))
    assert card.find(string=re.compile(r"<script>alert\(9\)</script>")), "card_link text is not shown as written"
    grid = BeautifulSoup((injected_site / "partnerschap/index.html").read_text(), "lxml")
    assert TITLE in grid.select_one(".wk-grid").get_text()
    checklist = BeautifulSoup((injected_site / "checklists/voor-het-gesprek/index.html").read_text(), "lxml")
    assert TEXT in checklist.select_one(".wk-checklist li").get_text()
    glossary = BeautifulSoup((injected_site / "over/begrippen/index.html").read_text(), "lxml")
    assert TEXT in [dt.get_text(strip=True) for dt in glossary.find_all("dt")]


# --- the policy itself ------------------------------------------------------------------------------


def test_the_shipped_headers_are_the_fixed_policy(site: Path) -> None:
    """No hashes harvested from the output, no inline script, every line within the hosts' limit."""
    for name, text in header_files().items():
        assert (site / name).read_text(encoding="utf-8") == text
        assert max(len(line) for line in text.splitlines()) <= MAX_HEADER_LINE
    script_src = re.search(r"script-src ([^;]*)", CONTENT_SECURITY_POLICY).group(1)
    # Files from this host, and compiling WebAssembly (Pagefind's, from this host): never eval() or inline.
    assert script_src.strip() == "'self' 'wasm-unsafe-eval'", script_src
    assert "sha256" not in CONTENT_SECURITY_POLICY


def test_the_built_site_has_no_inline_script_and_passes_the_check(site: Path) -> None:
    assert check(site, BASE) == []
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
        assert not inline, f"{path.relative_to(site)}: {inline[0]}"


#: One violation each; the check must name the page and the element.
VIOLATIONS = {
    "inline script": ("<script>alert(1)</script>", "<script>"),
    "event handler": ('<img src="a.png" onerror="alert(1)">', "onerror"),
    "javascript: link": ('<a href=" JavaScript:alert(1)">x</a>', "<a"),
    "script from another host": ('<script src="https://cdn.example.net/x.js"></script>', "cdn.example.net"),
    "script not on the list": ('<script src="../assets/javascripts/extra.js"></script>', "extra.js"),
    "image from another host": ('<img src="https://tracker.example/p.gif">', "tracker.example"),
    "protocol-relative image": ('<img src="//tracker.example/p.gif">', "tracker.example"),
    "frame": ('<iframe src="../"></iframe>', "<iframe"),
    "object": ('<object data="x.swf"></object>', "<object"),
    "stylesheet from another host": ('<link rel="stylesheet" href="https://fonts.example/x.css">', "fonts.example"),
    "style import": ("<style>@import url(https://fonts.example/x.css);</style>", "<style"),
    "style attribute": ('<div style="background:url(https://t.example/p.gif)"></div>', "<div"),
    "refresh to another host": ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "refresh"),
    "base element": ('<base href="https://evil.example/">', "<base"),
    # Script addresses as a browser reads them (fuzz-2026-12-04 F2): HTML references decoded, control
    # characters and spaces stripped, tabs and line breaks removed; only http(s), mailto, tel and relative.
    "tab entity inside javascript: (N73)": (
        '<a href="java&#x09;script:alert(document.domain)">k</a>',
        "script address",
    ),
    "control character before the scheme (N82)": ('<a href="&#x01;javascript:alert(1)">k</a>', "script address"),
    "named newline inside the scheme (N83)": ('<a href="java&NewLine;script:alert(1)">k</a>', "script address"),
    "decimal reference for the first letter": ('<a href="&#106;avascript:alert(1)">k</a>', "script address"),
    "vbscript: link": ('<a href="vbscript:msgbox(1)">k</a>', "href is a script address"),
    "data: link": ('<a href="data:text/html,x">k</a>', "href uses the scheme data:"),
    "form action": ('<form action="java&#x09;script:alert(1)"></form>', "action is a script address"),
    "svg link": ('<svg><a xlink:href="java&#x09;script:alert(1)"><text>x</text></a></svg>', "xlink:href"),
    "svg animation of an address": ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "animation"),
    "short link target": ('<p data-doel="javascript:alert(1)">x</p>', "data-doel is a script address"),
    "ping to another host (N68)": ('<a href="https://www.nji.nl/" ping="https://tracker.example/p">k</a>', "ping="),
    "image with a tab in the scheme": ('<img alt="" src="ht&#x09;tps://tracker.example/p.gif">', "src loads"),
    "image with a backslash for a slash": ('<img alt="" src="/\\tracker.example/p.gif">', "src loads"),
    "srcset from another host": ('<img alt="" src="a.png" srcset="a.png 1x, //tracker.example/b.png 2x">', "srcset"),
    "refresh to a script": ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', "http-equiv"),
}


@pytest.mark.parametrize("name", list(VIOLATIONS))
def test_the_check_names_page_and_element_of_each_violation(name: str, tmp_path: Path) -> None:
    """The allow-list can fail: each kind of violation, alone on an otherwise clean page, is reported."""
    markup, needle = VIOLATIONS[name]
    page = tmp_path / "kaart" / "index.html"
    page.parent.mkdir()
    clean = '<html><head><script src="../assets/javascripts/theme-start.js"></script></head><body>{}</body></html>'
    page.write_text(clean.format(""), encoding="utf-8")
    assert check_page(tmp_path, "kaart/index.html") == []
    page.write_text(clean.format(markup), encoding="utf-8")
    found = check_page(tmp_path, "kaart/index.html")
    assert len(found) >= 1 and all(line.startswith("site/kaart/index.html: ") for line in found), found
    assert any(needle in line for line in found), found
    assert not any("\n" in line or "\t" in line for line in found), "a message must stay on one line"


def test_the_check_allows_what_the_site_links_to(tmp_path: Path) -> None:
    """The allow-list of addresses is not a wall: pages, anchors, http(s), mailto, tel and the redirects pass."""
    page = tmp_path / "kaart" / "index.html"
    page.parent.mkdir()
    allowed = (
        '<a href="https://www.nji.nl/">a</a><a href="http://127.0.0.1:8000/werkkaarten/">b</a>'
        '<a href="mailto:redactie@example.org">c</a><a href="tel:0800-2000">d</a><a href="#bron">e</a>'
        '<a href="../kind-centraal/">f</a><a href="../lespakket/?k=p1">g</a><img alt="" src="../x.svg">'
        '<meta http-equiv="refresh" content="0; url=../partnerschap/respecteer-ouders/">'
    )
    page.write_text(f"<html><body>{allowed}</body></html>", encoding="utf-8")
    assert check_page(tmp_path, "kaart/index.html") == []


def test_a_stylesheet_from_another_host_is_found(tmp_path: Path) -> None:
    (tmp_path / "x.css").write_text("body{background:url('https://t.example/p.gif')}", encoding="utf-8")
    assert check(tmp_path) == ["site/x.css: https://t.example/p.gif: stylesheet loads from another host"]
