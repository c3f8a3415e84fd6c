"""Usability review, round two (issue 22): ways in, colour in every state, paper, whose words and how current.

Browser tests reuse the nginx helper of tests/test_browser.py (the `open_page` fixture on the shared
built site); nothing here builds a site of its own. Each test opens a handful of pages, so together
they take seconds.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

# The browser tests' fixtures (nginx with the shipped headers, a fresh context per page), used by name.
from test_browser import base_url, open_page, published  # noqa: F401

#: The situation card: the home page's five tiles go straight to its numbered sections.
SITUATIONS = "achtergrond/welke-aanpak-past/"

# --- colour in every state ----------------------------------------------------------------------

#: The computed colours of an element as the reader sees them: its text colour and the background it
#: stands on (the first ancestor with a background, blended over those below it), plus its focus ring.
COLOURS = """element => {
  const parse = value => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const colour = parse(getComputedStyle(e).backgroundColor);
    if (colour && colour.a > 0) layers.push(colour);
    if (colour && colour.a >= 1) break;
  }
  let background = {r: 255, g: 255, b: 255, a: 1};
  for (const layer of layers.reverse()) background = over(layer, background);
  const style = getComputedStyle(element);
  const text = over(parse(style.color), background);
  const behind = [];
  for (let e = element.parentElement; e; e = e.parentElement) {
    const colour = parse(getComputedStyle(e).backgroundColor);
    if (colour && colour.a > 0) behind.push(colour);
    if (colour && colour.a >= 1) break;
  }
  let page = {r: 255, g: 255, b: 255, a: 1};
  for (const layer of behind.reverse()) page = over(layer, page);
  const outline = parse(style.outlineColor);
  return {
    text, background, page,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && outline && outline.a > 0
      ? over(outline, page) : null,
    shadow: style.boxShadow,
  };
}"""


def luminance(colour: dict[str, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour["r"]) + 0.7152 * channel(colour["g"]) + 0.0722 * channel(colour["b"])


def contrast(one: dict[str, float], other: dict[str, float]) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


#: Every kind of control a reader operates in the content, with a page that has one.
CONTROL_KINDS = {
    "link in text": ("partnerschap/respecteer-ouders/", "article p a[href]:not(.md-button, .headerlink)"),
    "copy button": ("partnerschap/respecteer-ouders/", "article button.wk-kopieer"),
    "pack button (link)": ("partnerschap/respecteer-ouders/", "article a.wk-lp-toevoegen"),
    "folded notice": ("achtergrond/welke-aanpak-past/", "article details > summary"),
    "home tile": ("", "article .wk-situaties a"),
    "link in a checklist": ("checklists/veilig-genoeg/", "article .wk-checklist a"),
    "footer link": ("", ".md-copyright a"),
    "pack page button": ("lespakket/?k=p1,cl4", "article button.wk-lpb-knop:not([disabled])"),
    "pack page copy button": ("lespakket/?k=p1,cl4", "article .wk-lpb button.wk-kopieer"),
}

SETTLE = "() => document.getAnimations().forEach(animation => animation.finish())"


def measure(page: Page, selector: str, state: str) -> dict:
    """The colours of the first visible control matching `selector` in a state: rest, hover or focus."""
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    if state == "hover":
        control.hover()
    elif state == "focus":
        page.keyboard.press("Shift")  # the last input was the keyboard: focus is shown as for Tab
        control.focus()
    page.evaluate(SETTLE)
    return control.evaluate(COLOURS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_control_keeps_its_contrast_when_hovered_and_focused(open_page, scheme: str) -> None:  # noqa: F811 - the imported fixture
    """Text stays readable (4.5:1) at rest, on hover and on focus, and focus shows a ring (3:1 against the page).

    axe measures a page as it is loaded; these states it never sees, so the computed colours are measured.
    Red when: the dark scheme's copy buttons keep the link colour on the accent fill of hover and focus
    (`[data-md-color-scheme=slate] .md-typeset .md-button.wk-kopieer {color: var(--md-typeset-a-color)}`
    without `:not(:hover, :focus)`: 1.23:1), or the focus ring of a button is taken away (`outline: none`).
    """
    problems: list[str] = []
    pages: dict[str, Page] = {}
    for kind, (path, selector) in CONTROL_KINDS.items():
        if path not in pages:
            pages[path], _ = open_page(path, color_scheme=scheme)
        page = pages[path]
        if not page.locator(selector).count():
            problems.append(f"{kind}: no '{selector}' on {path or 'home'}")
            continue
        for state in ("rest", "hover", "focus"):
            found = measure(page, selector, state)
            ratio = contrast(found["text"], found["background"])
            if ratio < 4.5:
                problems.append(f"{kind} ({state}): text {ratio:.2f}:1 on {found['background']}")
            if state == "focus":
                ring = found["outline"]
                if ring is None:
                    problems.append(f"{kind}: no focus ring (outline {found}")
                elif contrast(ring, found["page"]) < 3:
                    problems.append(f"{kind}: focus ring {contrast(ring, found['page']):.2f}:1 against the page")
    assert not problems, f"{scheme}:\n" + "\n".join(problems)


# --- ways in ------------------------------------------------------------------------------------


def test_home_tiles_reach_each_situation_in_one_tap(open_page, handbook) -> None:  # noqa: F811 - the imported fixture
    """At 360 px the five situations are five tiles; one tap lands on that situation's section of A14.

    Red when: the tiles go back to words in a paragraph with one link at its end, a tile points to the
    card's top instead of its section, or a tile is smaller than a finger (44 px high).
    """
    card = handbook.card("welke-aanpak-past")
    numbered = [(a, t) for a, t in handbook.sections(handbook.paths[card.id]) if re.match(r"^\d+\. ", t)]
    assert len(numbered) == 5, numbered
    page, watch = open_page("", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tiles = page.locator("article .wk-situaties a")
    expect(tiles).to_have_count(5)
    for index, (_, title) in enumerate(numbered):
        tile = tiles.nth(index)
        expect(tile).to_have_text(title.split(". ", 1)[1])
        box = tile.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 280, f"tile {index + 1} is {box}"
    tiles.nth(3).tap()
    page.wait_for_url(re.compile(re.escape(SITUATIONS) + "#intieme-terreur$"))
    heading = page.locator("#intieme-terreur")
    expect(heading).to_be_in_viewport()
    watch.assert_clean("home → A14")


def test_a14_puts_the_situations_first_and_folds_what_the_sources_do_not_say(page, handbook) -> None:
    """A14 opens with the five situations; "zeggen niets" is one line per situation, the full list stays.

    Red when: "Zo lees je deze kaart" moves back before the situations, or a topic row that only says
    "De bronnen zeggen hier niets over." comes back.
    """
    article = page(SITUATIONS).select_one("article")
    headings = [h["id"] for h in article.select("h2[id]")]
    assert headings.index("in-het-kort") < headings.index("zo-lees-je-deze-kaart"), headings
    assert headings.index("regulier") < headings.index("zo-lees-je-deze-kaart"), headings
    assert "waar-de-bronnen-zwijgen" in headings
    for dd in article.select("dd"):
        text = dd.get_text(" ", strip=True)
        assert not re.fullmatch(r"(Specifiek voor .+ )?[Dd]e bronnen zeggen hier niets over\.", text), text
    folded = article.select(".wk-zwijgen")
    assert len(folded) == 4, [p.get_text() for p in folded]
    for line in folded:
        assert line.find("a", href="#waar-de-bronnen-zwijgen"), line


def test_each_role_starts_with_the_checklists_for_its_work(open_page, handbook) -> None:  # noqa: F811 - the imported fixture
    """On "Per rol" at 360 px each role shows its checklists first (each line of them from a card for the
    role); the cards are folded, grouped by family, questions and interventions before partnership.

    Red when: the checklists go (a role lists none), the cards are unfolded again (the page is 18 phone
    screens), or they start with P1-P8.
    """
    page, _ = open_page("rollen/", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 12 * 740, f"Per rol is {height / 740:.1f} phone screens long"
    for role in handbook.roles:
        wanted = [f"{c.code} {c.title}" for c in handbook.checklists_for_role(role.id)]
        section = page.locator(f"h2#{role.id} ~ .wk-rol-checklists").first
        if wanted:
            got = section.locator("li").evaluate_all(
                "items => items.map(i => i.querySelector('.wk-code').textContent"
                " + ' ' + i.querySelector('a').textContent)"
            )
            assert got[: len(wanted)] == wanted, f"{role.id}: {got}"
        kaarten = page.locator(f"h2#{role.id} ~ details.wk-rol-kaarten").first
        expect(kaarten).not_to_have_attribute("open", "")
        first = kaarten.locator("h3").first
        assert first.get_attribute("id") != f"{role.id}-partnerschap" or role.id == "opleider", role.id
    wijkteam = handbook.checklists_for_role("wijkteam")
    assert any(c.code == "CL2" for c in wijkteam) and any(c.code == "CL4" for c in wijkteam)


# --- paper and screen ---------------------------------------------------------------------------


def test_checklist_boxes_are_drawn_on_paper_only(open_page) -> None:  # noqa: F811 - the imported fixture
    """On screen a checklist shows bullets, not boxes that look tappable; on paper the boxes stay, with a
    hanging indent, a named field for the professional, a link on the address and a QR code of 25 mm or more.

    Red when: the box is drawn on screen again (`li::before` with a border), the field says "Naam:",
    the address is plain text, or the QR code shrinks back to about 20 mm.
    """
    page, _ = open_page("checklists/veilig-genoeg/")
    before = "e => getComputedStyle(e, '::before').content"
    item = page.locator(".wk-checklist li").first
    assert item.evaluate(before) in ("none", "normal"), "a box is drawn on screen"
    assert item.evaluate("e => getComputedStyle(e).listStyleType") != "none", "no bullet on screen"
    page.emulate_media(media="print")
    assert item.evaluate(before) not in ("none", "normal"), "no box on paper"
    indent = item.evaluate("e => [getComputedStyle(e).paddingLeft, getComputedStyle(e).textIndent]")
    assert float(indent[0].removesuffix("px")) > 0 and indent[1].startswith("-"), f"no hanging indent: {indent}"
    expect(page.locator(".wk-invullen")).to_contain_text("Naam professional:")
    address = page.locator(".wk-printvoet a.wk-url")
    expect(address).to_have_attribute("href", re.compile(r"^https?://.+/checklists/veilig-genoeg/$"))
    width_px = page.locator(".wk-printvoet .wk-qr svg").evaluate("e => e.getBoundingClientRect().width")
    assert width_px * 25.4 / 96 >= 25, f"QR code is {width_px * 25.4 / 96:.1f} mm wide"
    expect(page.locator(".wk-printvoet")).to_contain_text("de site slaat niets op")


# --- whose words, how current -------------------------------------------------------------------


def test_sources_are_named_dates_on_top_and_the_editors_guide_is_off_the_menu(page, handbook) -> None:
    """A card's header names its sources ("thematekst NJi, Movisie, CCV (003)") and when it was last reviewed;
    every page's footer gives the edition's date and the way to the editors' guide, which the menu leaves out.

    Red when: the header goes back to bare numbers ("bron 003, 002"), the review date only sits at the foot,
    or "Handleiding voor redacteuren" is back under "Over".
    """
    card = handbook.card("welke-aanpak-past")
    head = page(SITUATIONS).select_one("article .wk-kaartkop")
    text = re.sub(r"\s+", " ", head.get_text())
    for key in card.sources:
        assert handbook.source_label(key) in text, f"{key} not named in {text}"
    assert "thematekst NJi, Movisie, CCV (003)" in text
    assert f"laatst beoordeeld {card.reviewed.day}" in text, text
    edition = handbook.edition_date()
    home = page("")
    footer = home.select_one(".md-copyright").get_text(" ")
    assert f"Uitgave van {edition.day}" in footer and str(edition.year) in footer, footer
    assert home.select_one(".md-copyright a[href$='over/redactie/']"), "no way to the editors' guide"
    menu = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]
    assert not any("redacteur" in entry.lower() for entry in menu), menu
    assert page("over/redactie/").select_one("article h1"), "the editors' guide is gone"


def test_the_citation_has_year_address_accessed_date_and_no_invented_publisher(open_page, handbook) -> None:  # noqa: F811 - the imported fixture
    """The copied citation: "Werkkaarten (year). Title (code). [publisher.] Geraadpleegd op <today>, van
    <address>." and the sources with the publisher and date the registry gives. A build without a publisher
    leaves that element out rather than inventing one.

    Red when: the "geraadpleegd op" date is not filled in at copy time, or the year or address is missing.
    """
    page, _ = open_page("partnerschap/respecteer-ouders/", permissions=["clipboard-read", "clipboard-write"])
    text = page.locator("button.wk-kopieer").first.get_attribute("data-wk-copy")
    year = handbook.edition_date().year
    assert text.startswith(f"Werkkaarten ({year}). Respecteer ouders"), text
    assert re.search(r"Geraadpleegd op \[datum\], van https?://\S+/partnerschap/respecteer-ouders/\.", text), text
    source = handbook.source("001")
    assert f"{source.title}. {source.publisher}, {source.date}" in text, text
    page.locator("button.wk-kopieer").first.click()
    status = page.locator(".wk-kopieer-status").first
    expect(status).to_contain_text(re.compile(r"Geraadpleegd op \d{1,2} [a-z]+ \d{4}, van"))
