"""The navigation stays small by design: sections and index pages, never every card.

Material writes the whole visible navigation into every page, so a sidebar that lists every card
makes every page grow with the handbook. Here the sidebar lists the families and the checklists'
index page; each index page lists its cards as a grid (in code order, P1 ... P8), and every card
links to the previous and next card of its family. This module checks that mkdocs.yml names
every family's index page, and titles each one from the family registry (one fact, one place).
"""

from __future__ import annotations

from typing import Any

from .addresses import page_url
from .errors import HandbookError, Problem
from .escaping import html_text
from .handbook import Handbook

NavItem = str | dict[str, Any]

CHECKLIST_INDEX = "checklists/index.md"


def _sections(handbook: Handbook) -> dict[str, str]:
    """Index page → its title in the navigation."""
    # The theme prints navigation titles as HTML, so text from data arrives escaped.
    sections = {f"{family.id}/index.md": str(html_text(family.title)) for family in handbook.family_registry.families}
    sections[CHECKLIST_INDEX] = "Checklists"
    return sections


def expand_nav(nav: list[NavItem] | None, handbook: Handbook) -> list[NavItem]:
    if not nav:
        raise HandbookError([Problem("mkdocs.yml", "nav", "the navigation must list the family index pages")])
    sections = _sections(handbook)
    seen: set[str] = set()

    def expand(item: NavItem) -> NavItem:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                return {title: [expand(child) for child in value]}
            item = value
        if isinstance(item, str) and item in sections:
            seen.add(item)
            return {sections[item]: item}
        return item

    expanded = [expand(item) for item in nav]
    missing = sorted(set(sections) - seen)
    if missing:
        raise HandbookError(
            [Problem("mkdocs.yml", "nav", f"index page missing from the navigation: {', '.join(missing)}")]
        )
    return expanded


#: Where search sends a reader who found nothing (overrides/partials/search.html): the situation card,
#: the three questions, the checklists and the glossary. A card by its id, a page by its file.
SEARCH_WAYS_ON = ("welke-aanpak-past", "vraagstukken/index.md", CHECKLIST_INDEX, "over/begrippen.md")


def search_ways_on(handbook: Handbook) -> list[dict[str, str]]:
    """The ways on after "Niets gevonden", each with its address from the site root and its title as the
    handbook has it; one the handbook lacks is left out (a smaller handbook, such as the test fixture)."""
    ways = []
    for target in SEARCH_WAYS_ON:
        if target in handbook.cards:
            card = handbook.cards[target]
            ways.append({"pad": page_url(handbook.paths[card.id]), "titel": f"{card.title} ({card.code})"})
        elif target in handbook.files:
            ways.append({"pad": page_url(target), "titel": handbook.files[target].title})
    return ways


#: The editors' guide: out of the readers' menu, linked from every page's footer.
EDITORS_GUIDE = "over/redactie.md"


def editors_guide_path(handbook: Handbook, directory_urls: bool) -> str:
    """The editors' guide's address from the site root, as this build writes pages (`x/` online, `x.html`
    in the offline edition); empty when the handbook has no such page (the test fixture)."""
    if EDITORS_GUIDE not in handbook.files:
        return ""
    return page_url(EDITORS_GUIDE) if directory_urls else EDITORS_GUIDE.removesuffix(".md") + ".html"
