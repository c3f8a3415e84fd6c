"""The navigation stays small by design: sections and index pages, never every card.

Material writes the whole visible navigation into every page, so a sidebar that lists every card
makes every page grow with the handbook. Here the sidebar lists the families and the checklists'
index page; each index page lists its cards as a grid (in code order, P1 ... P8), and every card
links to the previous and next card of its family. This module checks that mkdocs.yml names
every family's index page, and titles each one from the family registry (one fact, one place).
"""

from __future__ import annotations

from typing import Any

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
