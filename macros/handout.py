"""What a handout prints of one card or checklist: the data contract of every course pack's handout.

A course pack (lespakket) is a trainer's ordered selection of cards and checklists; the declared
pack's page and PDF (Jinja) and the ad-hoc pack's print (lespakket.js) both repeat each item from
`handout_item`, so the two cannot drift, and an item never travels without its perspective notices
and caveats. The pack rules that need the whole handbook are in validation.py; looking packs up is
Handbook's (handbook.py); a pack's entry in cards.json is export.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Card, Checklist

if TYPE_CHECKING:
    from .handbook import Handbook


@dataclass(frozen=True)
class Notice:
    """A perspective notice or caveat that travels with repeated content: who speaks, and how not to
    read it ("praktijkverslag, geen onderzoek", "geen screeningsinstrument")."""

    title: str
    text: str


@dataclass(frozen=True)
class PointGroup:
    """Points of one kind under the heading of that kind ("Signalen om te bespreken")."""

    heading: str
    caveat: str
    points: list[str]


@dataclass(frozen=True)
class HandoutItem:
    """What a handout prints of one card or checklist: the one data contract behind the declared
    pack's page and PDF (Jinja) and the ad-hoc pack's print (lespakket.js), so the two cannot drift."""

    code: str
    kind: str  # "card" or "checklist"
    label: str
    title: str
    summary: str
    #: How to use a checklist (its kind's instruction); empty for a card.
    how: str
    notices: list[Notice]
    groups: list[PointGroup]
    #: What the source says after a list of signs, under its heading, with its sources; empty when none.
    next_step_heading: str
    next_step: str
    next_step_sources: list[str]
    sources: list[str]


def notices(handbook: Handbook, keys: list[str]) -> list[Notice]:
    """The perspective notice of every source that is not guidance (as on the card's own page)."""
    return [
        Notice(f"Perspectief: {handbook.kind_of(key).label.lower()} (bron {key})", handbook.kind_of(key).caution)
        for key in keys
        if handbook.kind_of(key).caution
    ]


def handout_item(handbook: Handbook, content: Card | Checklist) -> HandoutItem:
    """A card or checklist as a handout repeats it, with its notices and caveats.

    A card's points are its own checks (written from its source), grouped and headed by kind, with
    the kind's caveat; a card without checks lists the headings of its sections. The card's "Let op"
    and observations from the sources travel too.
    """
    sources = handbook.item_sources(content)
    found = notices(handbook, sources)
    registry = handbook.checklist_registry
    if isinstance(content, Checklist):
        kind = registry.kinds[content.kind]
        points = [check.text for _, check in handbook.checklist_items(content)]
        step = content.next_step
        return HandoutItem(
            code=content.code,
            kind="checklist",
            label=f"Checklist · {kind.label}",
            title=content.title,
            summary=content.purpose,
            how=kind.how,
            notices=found,
            groups=[PointGroup("", "", points)],
            next_step_heading=step.heading if step else "",
            next_step=step.text if step else "",
            next_step_sources=list(step.sources) if step else [],
            sources=sources,
        )
    cautions, observations = handbook.cautions_by_status(content)
    found += [Notice("Let op", f"{c.text} (bron {', '.join(c.sources)})") for c in cautions]
    found += [
        Notice(heading, f"{c.text} (bron {', '.join(c.sources)})") for heading, items in observations for c in items
    ]
    groups: list[PointGroup] = []
    for item_kind, label in registry.item_kinds.items():
        points = [check.text for check in content.checks if check.kind == item_kind]
        if points:
            groups.append(PointGroup(label.heading, label.caveat, points))
    if not groups:
        sections = [title for _, title in handbook.sections(handbook.paths[content.id])]
        groups = [PointGroup("Op deze kaart", "", sections)] if sections else []
    return HandoutItem(
        code=content.code,
        kind="card",
        label=handbook.type_of(content).label,
        title=content.title,
        summary=content.summary,
        how="",
        notices=found,
        groups=groups,
        next_step_heading="",
        next_step="",
        next_step_sources=[],
        sources=sources,
    )
