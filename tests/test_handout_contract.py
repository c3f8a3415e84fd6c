"""One data contract, two handouts: the declared pack (its page and PDF, from Jinja) and the ad-hoc pack
(printed in the browser by lespakket.js) print the same parts from `macros/handout.py HandoutItem`.

Each part is compared as a reader gets it on paper (print media, the text as laid out), leaving out what
only the declared pack has: the part's heading line, the source line with its links and the trainer's
note. So a heading, caveat, notice or next step that changes in the data shows up in both, or the
comparison names the part where they part ways.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_DOCS, fixture_built_once
from playwright.sync_api import Browser, Page

from scripts.nginx import serve_nginx

PREFIX = "/werkkaarten/"

#: A part's printed text without what only the declared pack prints; one string per part.
PRINTED_PARTS = """root => [...document.querySelectorAll(root + ' .wk-lp-onderdeel')].map(part => {
  const copy = part.cloneNode(true);
  copy.querySelectorAll('h2, .wk-lp-soort, .wk-lp-notitie, .wk-herkomst, .headerlink').forEach(e => e.remove());
  document.body.appendChild(copy);  // laid out, so innerText breaks lines between blocks as on paper
  const text = copy.innerText;
  copy.remove();
  return text.split(/\\s+/).join(' ').trim();
})"""

#: What the mutated fixture changes in one place each: a kind's heading and caveat, and a next step.
SIGN_HEADING = "Signalen om samen te wegen"
SIGN_CAVEAT = "Geen lijst om af te vinken: weeg de signalen samen."
STEP_HEADING = "Wat de testbron zegt bij deze signalen"
STEP_TEXT = "Bespreek wat je ziet eerst in het team."


def parts(page: Page, address: str, root: str) -> list[str]:
    page.emulate_media(media="screen")
    page.goto(address, wait_until="load")
    page.emulate_media(media="print")
    page.locator(f"{root} .wk-lp-onderdeel").first.wait_for(state="attached")
    return page.evaluate(PRINTED_PARTS, root)


def differences(declared: list[str], ad_hoc: list[str]) -> list[str]:
    if len(declared) != len(ad_hoc):
        return [f"{len(declared)} parts in the declared pack, {len(ad_hoc)} in the ad-hoc one"]
    return [
        f"part {n}:\n  declared: {one}\n  ad hoc:   {other}"
        for n, (one, other) in enumerate(zip(declared, ad_hoc, strict=True), start=1)
        if one != other
    ]


def item_codes(page: Page) -> list[str]:
    """The declared pack's items as codes, in its order (read from its contents list)."""
    entries = page.locator(".wk-lp-inhoud li a").all_inner_texts()
    return [text.split()[0].lower() for text in entries if re.match(r"^[A-Z]+\d+ ", text)]


@contextlib.contextmanager
def opened(browser: Browser, site: Path) -> Iterator[tuple[Page, str]]:
    with serve_nginx(site, PREFIX) as base:
        context = browser.new_context()
        try:
            yield context.new_page(), base
        finally:
            context.close()


def compare(page: Page, base: str, pack_path: str) -> tuple[list[str], list[str]]:
    declared = parts(page, base + pack_path, ".wk-lp")
    codes = item_codes(page)
    ad_hoc = parts(page, base + "lespakket/?k=" + ",".join(codes), ".wk-lpb-druk")
    return declared, ad_hoc


def test_the_declared_and_the_ad_hoc_handout_print_the_same_parts(browser: Browser, site: Path, handbook) -> None:
    """Every declared pack of the handbook, and the same items put together by hand.

    Red when: lespakket.js prints a group's heading, a caveat, a notice or a next step differently from
    handout_item.md.jinja (for example "Kernpunten" for a card's points, or no next step under a list of signs).
    """
    problems = []
    with opened(browser, site) as (page, base):
        for pack in handbook.ordered_packs():
            declared, ad_hoc = compare(page, base, f"lespakketten/{pack.id}/")
            assert declared, f"{pack.id}: no parts found"
            problems += [f"{pack.id}: {line}" for line in differences(declared, ad_hoc)]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with its checklist as a list of signs: a new heading and caveat for signs in
    checklists.yml, and a next step on the list; nothing else changes."""

    def change(project: Path) -> None:
        checklist = project / "docs" / "checklists" / "voor-het-gesprek.md"
        text = checklist.read_text(encoding="utf-8")
        step = f"  next_step: {{heading: {STEP_HEADING}, text: {STEP_TEXT}, sources: ['001']}}"
        checklist.write_text(text.replace("  kind: read-do", "  kind: signs\n" + step), encoding="utf-8")
        for card in project.glob("docs/*/*.md"):
            card_text = card.read_text(encoding="utf-8")
            card.write_text(card_text.replace("kind: action", "kind: sign"), encoding="utf-8")
        registry = project / "docs" / "_data" / "checklists.yml"
        old = (FIXTURE_DOCS / "_data" / "checklists.yml").read_text(encoding="utf-8")
        new = re.sub(
            r"  sign:\n    heading: .*\n    caveat: .*\n",
            f"  sign:\n    heading: '{SIGN_HEADING}'\n    caveat: '{SIGN_CAVEAT}'\n",
            old,
        )
        assert new != old, "the fixture's checklists.yml has no sign heading to change"
        registry.write_text(new, encoding="utf-8")

    return fixture_built_once(tmp_path_factory, "changed-handout-site", change)


def test_a_heading_and_a_next_step_changed_in_the_data_appear_in_both_handouts(
    browser: Browser, changed_site: Path
) -> None:
    """Red when: either handout keeps a heading or next step of its own instead of the data's."""
    with opened(browser, changed_site) as (page, base):
        declared, ad_hoc = compare(page, base, "lespakketten/eerste/")
    assert not differences(declared, ad_hoc), "\n".join(differences(declared, ad_hoc))
    for printed, name in ((declared, "declared"), (ad_hoc, "ad hoc")):
        text = " ".join(printed)
        for expected in (SIGN_HEADING, SIGN_CAVEAT, f"{STEP_HEADING}: {STEP_TEXT}"):
            assert expected in text, f"{name} handout does not print {expected!r}:\n{text}"
