"""Usability review, round two (issue 22): ways in, colour in every state, paper, whose words and how current.

Browser tests reuse the nginx helper of tests/test_browser.py (the `open_page` fixture on the shared
built site); nothing here builds a site of its own. Each test opens a handful of pages, so together
they take seconds.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_browser import PREFIX, base_url, open_page, published  # noqa: F401 - fixtures used by name

from macros.addresses import page_url

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
    "checklist box": ("checklists/veilig-genoeg/", "article .wk-checklist input[type=checkbox]"),
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
def test_every_kind_of_control_keeps_its_contrast_when_hovered_and_focused(open_page, scheme: str) -> None:
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
            pages[path], watch = open_page(path, color_scheme=scheme)
            watch.settle(pages[path])
        page = pages[path]
        if not page.locator(selector).count():
            problems.append(f"{kind}: no '{selector}' on {path or 'home'}")
            continue
        for state in ("rest", "hover", "focus"):
            found = measure(page, selector, state)
            ratio = contrast(found["text"], found["background"])
            print(f"{scheme} {kind} ({state}): {ratio:.2f}:1")
            if ratio < 4.5 and kind != "checklist box":  # a box has no text; its ring is what counts
                problems.append(f"{kind} ({state}): text {ratio:.2f}:1 on {found['background']}")
            if state == "focus":
                ring = found["outline"]
                if ring is None:
                    problems.append(f"{kind}: no focus ring (outline {found}")
                elif contrast(ring, found["page"]) < 3:
                    problems.append(f"{kind}: focus ring {contrast(ring, found['page']):.2f}:1 against the page")
    assert not problems, f"{scheme}:\n" + "\n".join(problems)
