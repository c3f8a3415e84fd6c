"""Course packs (lespakketten): a trainer's ordered selection of cards and checklists, as one.

A pack is data (docs/lespakketten/<id>.md, front matter `lespakket:`); its page, short link, QR code,
handout PDF and entry in cards.json are derived from it. The rules that need the whole handbook
(items that exist, no item twice, codes and short links unique across cards, checklists and packs)
are checked here, once, so rendering can trust every id in a pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import HandbookError, Problem
from .loading import PACK_DIR
from .model import Card, Checklist, Pack, PackItem

if TYPE_CHECKING:
    from .handbook import Handbook
    from .rendering import Renderer

#: Where a pack's handout is written, relative to the site root (scripts/make_pdfs.py).
PACK_PDF_DIR = "pdf/lespakket"
#: The page where a trainer puts an ad-hoc pack together; the selection lives in its address (?k=p1,cl4).
AD_HOC_PAGE = "lespakket.md"


def pack_pdf_path(pack_id: str) -> str:
    """The handout PDF of a pack, next to the checklist PDFs."""
    return f"{PACK_PDF_DIR}/{pack_id}.pdf"


@dataclass(frozen=True)
class ResolvedItem:
    """A pack item with what it points to: exactly one of card and checklist is set."""

    item: PackItem
    card: Card | None
    checklist: Checklist | None

    @property
    def thing(self) -> Card | Checklist:
        if self.card is not None:
            return self.card
        assert self.checklist is not None, "a resolved pack entry holds a card or a checklist"
        return self.checklist

    @property
    def code(self) -> str:
        return self.thing.code


def add_packs(handbook: Handbook, loaded: list[tuple[str, Pack]]) -> None:
    """Index the packs; every problem in every pack is reported in one go."""
    from .handbook import identity_problems  # handbook imports this module

    problems: list[Problem] = []
    codes: dict[str, str] = {}
    for src_uri, pack in loaded:
        label = f"docs/{src_uri}"
        problems.extend(identity_problems(label, "lespakket", pack, src_uri, PACK_DIR, handbook.pack_paths, codes))
        if pack.id in handbook.pack_paths:
            continue
        problems.extend(_item_problems(handbook, label, pack))
        handbook.packs[pack.id] = pack
        handbook.pack_paths[pack.id] = src_uri
    if problems:
        raise HandbookError(problems)


def _item_problems(handbook: Handbook, label: str, pack: Pack) -> list[Problem]:
    found: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for n, item in enumerate(pack.items):
        kind, item_id = item.ref
        where = f"lespakket.items.{n}.{kind}"
        known = handbook.cards if kind == "card" else handbook.checklists
        if item_id not in known:
            found.append(Problem(label, where, f"'{item_id}' is not a {kind} id"))
        elif item.ref in seen:
            found.append(Problem(label, where, f"'{item_id}' is in this pack twice"))
        seen.add(item.ref)
    return found


def resolve(handbook: Handbook, pack: Pack) -> list[ResolvedItem]:
    """The pack's items in its order, each with its card or checklist."""
    return [
        ResolvedItem(item, handbook.cards.get(item.card or ""), handbook.checklists.get(item.checklist or ""))
        for item in pack.items
    ]


def item_sources(handbook: Handbook, thing: Card | Checklist) -> list[str]:
    return list(thing.sources) if isinstance(thing, Card) else handbook.checklist_sources(thing)


def pack_sources(handbook: Handbook, pack: Pack) -> list[str]:
    """A pack's sources are its items' sources, in source-key order (the source list of the handout)."""
    return sorted({key for entry in resolve(handbook, pack) for key in item_sources(handbook, entry.thing)})


def item_path(handbook: Handbook, thing: Card | Checklist) -> str:
    return handbook.paths[thing.id] if isinstance(thing, Card) else handbook.checklist_paths[thing.id]


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


def handout_item(handbook: Handbook, thing: Card | Checklist) -> HandoutItem:
    """A card or checklist as a handout repeats it, with its notices and caveats.

    A card's points are its own checks (written from its source), grouped and headed by kind, with
    the kind's caveat; a card without checks lists the headings of its sections. The card's "Let op"
    and observations from the sources travel too.
    """
    sources = item_sources(handbook, thing)
    found = notices(handbook, sources)
    registry = handbook.checklist_registry
    if isinstance(thing, Checklist):
        kind = registry.kinds[thing.kind]
        points = [check.text for _, check in handbook.checklist_items(thing)]
        step = thing.next_step
        return HandoutItem(
            code=thing.code,
            kind="checklist",
            label=f"Checklist · {kind.label}",
            title=thing.title,
            summary=thing.purpose,
            how=kind.how,
            notices=found,
            groups=[PointGroup("", "", points)],
            next_step_heading=step.heading if step else "",
            next_step=step.text if step else "",
            next_step_sources=list(step.sources) if step else [],
            sources=sources,
        )
    cautions, observations = handbook.cautions_by_status(thing)
    found += [Notice("Let op", f"{c.text} (bron {', '.join(c.sources)})") for c in cautions]
    found += [
        Notice(heading, f"{c.text} (bron {', '.join(c.sources)})") for heading, items in observations for c in items
    ]
    groups: list[PointGroup] = []
    for item_kind, label in registry.item_kinds.items():
        points = [check.text for check in thing.checks if check.kind == item_kind]
        if points:
            groups.append(PointGroup(label.heading, label.caveat, points))
    if not groups:
        sections = [title for _, title in handbook.sections(handbook.paths[thing.id])]
        groups = [PointGroup("Op deze kaart", "", sections)] if sections else []
    return HandoutItem(
        code=thing.code,
        kind="card",
        label=handbook.type_of(thing).label,
        title=thing.title,
        summary=thing.summary,
        how="",
        notices=found,
        groups=groups,
        next_step_heading="",
        next_step="",
        next_step_sources=[],
        sources=sources,
    )


def ordered_packs(handbook: Handbook) -> list[Pack]:
    return sorted(handbook.packs.values(), key=lambda p: int(p.code[len("LP") :]))


def pack_for_page(handbook: Handbook, src_uri: str) -> Pack | None:
    for pack_id, path in handbook.pack_paths.items():
        if path == src_uri:
            return handbook.packs[pack_id]
    return None


def pack_entries(handbook: Handbook, renderer: Renderer) -> list[dict[str, Any]]:
    """The packs in cards.json: the fields every entry has, plus where the handout is and the goals.

    `items` names each item as `card/<id>` or `checklist/<id>`, in the pack's order.
    """
    return [
        {
            "id": pack.id,
            "kind": "lespakket",
            "code": pack.code,
            "type": "lespakket",
            "title": pack.title,
            "summary": pack.summary,
            "url": renderer.published_url(handbook.pack_paths[pack.id]),
            "short_url": renderer.short_url(pack.code),
            "sources": pack_sources(handbook, pack),
            "tags": [],
            "related": [],
            "checklists": [entry.thing.id for entry in resolve(handbook, pack) if entry.checklist],
            "items": [f"{kind}/{item_id}" for kind, item_id in (item.ref for item in pack.items)],
            "reviewed": pack.reviewed.isoformat(),
            "review_due": None,
            "pdf": renderer.site_url + pack_pdf_path(pack.id),
            "audience": pack.audience,
            "duration": pack.duration,
            "goals": list(pack.goals),
        }
        for pack in ordered_packs(handbook)
    ]
