"""The navigation: mkdocs.yml lists the sections, the handbook adds each family's cards.

Cards and checklists are never listed by hand in mkdocs.yml (one fact, one place): where the
configured navigation names a family's index page (or the checklists' index page), that entry
becomes a section holding the index and its pages in code order (P1 ... P8), titled with their
code so readers can find a card from paper.
"""

from __future__ import annotations

from typing import Any

from .errors import HandbookError, Problem
from .handbook import Handbook

NavItem = str | dict[str, Any]

CHECKLIST_INDEX = "checklists/index.md"


def _sections(handbook: Handbook) -> dict[str, tuple[str, list[NavItem]]]:
    """Index page → (section title, the pages that belong under it)."""
    grouped = handbook.by_family()
    sections: dict[str, tuple[str, list[NavItem]]] = {
        f"{family.id}/index.md": (
            family.title,
            [{f"{c.code} {c.title}": handbook.paths[c.id]} for c in grouped.get(family.id, [])],
        )
        for family in handbook.family_registry.families
    }
    sections[CHECKLIST_INDEX] = (
        "Checklists",
        [{f"{c.code} {c.title}": handbook.checklist_paths[c.id]} for c in handbook.ordered_checklists()],
    )
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
            section_title, pages = sections[item]
            return {section_title: [item, *pages]}
        return item

    expanded = [expand(item) for item in nav]
    missing = sorted(set(sections) - seen)
    if missing:
        raise HandbookError(
            [Problem("mkdocs.yml", "nav", f"index page missing from the navigation: {', '.join(missing)}")]
        )
    return expanded
