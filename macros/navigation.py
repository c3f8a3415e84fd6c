"""The navigation: mkdocs.yml lists the sections, the handbook adds each family's cards.

Cards are never listed by hand in mkdocs.yml (one fact, one place): where the configured navigation
names a family's index page, that entry becomes a section holding the index and the family's
cards in reading order (P1 ... P8), titled with their code so readers can find a card from paper.
"""

from __future__ import annotations

from typing import Any

from .errors import HandbookError, Problem
from .handbook import Handbook

NavItem = str | dict[str, Any]


def expand_nav(nav: list[NavItem] | None, handbook: Handbook) -> list[NavItem]:
    if not nav:
        raise HandbookError([Problem("mkdocs.yml", "nav", "the navigation must list the family index pages")])
    families = {f"{family.id}/index.md": family for family in handbook.family_registry.families}
    grouped = handbook.by_family()
    seen: set[str] = set()

    def expand(item: NavItem) -> NavItem:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                return {title: [expand(child) for child in value]}
            item = value
        if isinstance(item, str) and item in families:
            family = families[item]
            seen.add(family.id)
            cards = [{f"{c.code} {c.title}": handbook.paths[c.id]} for c in grouped.get(family.id, [])]
            return {family.title: [item, *cards]}
        return item

    expanded = [expand(item) for item in nav]
    missing = [family.id for family in handbook.family_registry.families if family.id not in seen]
    if missing:
        raise HandbookError(
            [Problem("mkdocs.yml", "nav", f"family index page missing from the navigation: {', '.join(missing)}")]
        )
    return expanded
