"""The whole handbook as one read-only index: cards, checklists, course packs, registries and the
links between them.

Everything here looks up; nothing checks. The rules that need the whole set are in validation.py,
whose `load_handbook` fills the index and checks it as it grows, so every lookup can trust the ids
it is handed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .addresses import code_number, short_link_page
from .body import heading_anchors
from .body import sections as body_sections
from .errors import HandbookError, Problem
from .loading import SourceFile
from .model import (
    Card,
    CardType,
    Caution,
    ChangeLog,
    Check,
    Checklist,
    ChecklistRegistry,
    ContentLock,
    Family,
    FamilyRegistry,
    Herkomst,
    Moment,
    Moved,
    Pack,
    PackItem,
    Role,
    Source,
    SourceKind,
    SourceRegistry,
    SourceSection,
    Term,
)


@dataclass(frozen=True)
class CaseMoment:
    """A moment of a case card seen from the card it illustrates."""

    case: Card
    moment: Moment


@dataclass(frozen=True)
class ResolvedItem:
    """A pack item with what it points to: exactly one of card and checklist is set."""

    item: PackItem
    card: Card | None
    checklist: Checklist | None

    @property
    def target(self) -> Card | Checklist:
        """The card or checklist this item of the pack stands for."""
        if self.card is not None:
            return self.card
        assert self.checklist is not None, "a resolved pack entry holds a card or a checklist"
        return self.checklist

    @property
    def code(self) -> str:
        return self.target.code


@dataclass(frozen=True)
class Passage:
    """One section of a source as the source map holds it (docs/_data/herkomst.yml): the source's key,
    its place in the source's order (from 1) and what the map says of it."""

    key: str
    number: int
    section: SourceSection

    @property
    def anchor(self) -> str:
        """Its anchor in the source's outline on the sources page."""
        return f"herkomst-{self.key}-{self.number}"


@dataclass(frozen=True)
class CardPart:
    """One section of a card with where it comes from: the passages that feed it, or why it is the editors' own."""

    anchor: str
    heading: str
    passages: list[Passage]
    own: str | None


@dataclass(frozen=True)
class Carrier:
    """A card section that carries a passage."""

    card: Card
    anchor: str
    heading: str


@dataclass
class Handbook:
    """Every card, checklist and course pack with its registries: filled and checked once by
    validation.load_handbook, then only read."""

    source_registry: SourceRegistry
    family_registry: FamilyRegistry
    roles: list[Role]
    glossary: list[Term]
    checklist_registry: ChecklistRegistry
    moved_registry: Moved
    changelog: ChangeLog
    lock: ContentLock
    herkomst: Herkomst
    files: dict[str, SourceFile] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    checklist_paths: dict[str, str] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    pack_paths: dict[str, str] = field(default_factory=dict)
    #: Page path → the card, checklist or pack it is (the `*_for_page` lookups); other pages are absent.
    by_page: dict[str, Card | Checklist | Pack] = field(default_factory=dict)
    _anchors: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def anchors(self, src_uri: str) -> set[str]:
        """The explicit heading anchors an author wrote on a page (read once per page)."""
        if src_uri not in self._anchors:
            self._anchors[src_uri] = {a for _, _, a in heading_anchors(self.files[src_uri].body) if a}
        return self._anchors[src_uri]

    def sections(self, src_uri: str) -> list[tuple[str, str]]:
        """A page's own sections (level-2 headings) as (anchor, heading text)."""
        return body_sections(self.files[src_uri].body)

    def passages(self, key: str) -> list[Passage]:
        """A source's sections in source order, as the source map cuts it."""
        return [Passage(key, n, section) for n, section in enumerate(self.herkomst.sources.get(key, []), start=1)]

    def herkomst_of(self, card: Card) -> list[CardPart]:
        """Each section of a card with the passages that feed it, in source order (the card's Herkomst)."""
        feeding: dict[str, list[Passage]] = defaultdict(list)
        for key in self.herkomst.sources:
            for passage in self.passages(key):
                for ref in passage.section.cards:
                    card_id, _, anchor = ref.partition("#")
                    if card_id == card.id and passage not in feeding[anchor]:
                        feeding[anchor].append(passage)
        return [
            CardPart(anchor, heading, feeding.get(anchor, []), self.herkomst.own.get(f"{card.id}#{anchor}"))
            for anchor, heading in self.sections(self.paths[card.id])
        ]

    def carriers(self, passage: Passage) -> list[Carrier]:
        """The card sections that carry a passage, as the map lists them."""
        found = []
        for ref in passage.section.cards:
            card_id, _, anchor = ref.partition("#")
            card = self.cards[card_id]
            headings = dict(self.sections(self.paths[card_id]))
            found.append(Carrier(card, anchor, headings[anchor]))
        return found

    def short_links(self) -> dict[str, str]:
        """Every redirect the build writes: short links of cards, checklists and packs, and moved pages.

        Old page path → the page it leads to (both source paths inside docs/).
        """
        links = {short_link_page(c.code): self.paths[c.id] for c in self.ordered()}
        links |= {short_link_page(c.code): self.checklist_paths[c.id] for c in self.ordered_checklists()}
        links |= {short_link_page(p.code): self.pack_paths[p.id] for p in self.packs.values()}
        return links | dict(self.moved_registry.moved)

    def card(self, card_id: str) -> Card:
        """A card by id; an unknown id is an author's mistake in a page, so it stops the build."""
        try:
            return self.cards[card_id]
        except KeyError:
            raise HandbookError([Problem("macro", "card id", f"'{card_id}' is not a card id")]) from None

    def item_for_page(self, src_uri: str) -> Card | Checklist | Pack | None:
        """The card, checklist or course pack a page is; None for any other page."""
        return self.by_page.get(src_uri)

    def card_for_page(self, src_uri: str) -> Card | None:
        item = self.item_for_page(src_uri)
        return item if isinstance(item, Card) else None

    def checklist_for_page(self, src_uri: str) -> Checklist | None:
        item = self.item_for_page(src_uri)
        return item if isinstance(item, Checklist) else None

    def pack_for_page(self, src_uri: str) -> Pack | None:
        item = self.item_for_page(src_uri)
        return item if isinstance(item, Pack) else None

    def type_of(self, card: Card) -> CardType:
        return self.family_registry.types[card.type]

    def family(self, family_id: str) -> Family:
        for family in self.family_registry.families:
            if family.id == family_id:
                return family
        raise HandbookError([Problem("macro", "family", f"'{family_id}' is not a family")])

    def family_of(self, card: Card) -> Family:
        return self.family(self.type_of(card).family)

    def source(self, key: str) -> Source:
        return self.source_registry.sources[key]

    def kind_of(self, key: str) -> SourceKind:
        return self.source_registry.kinds[self.source(key).kind]

    def source_label(self, key: str) -> str:
        """A source as readers meet it: kind of text, short publisher and key ("thematekst NJi, Movisie, CCV (003)")."""
        source = self.source(key)
        return " ".join(part for part in (source.kind, source.short, f"({key})") if part)

    def edition_date(self) -> date:
        """The date of this edition: the newest review or recorded change of any page, or the first edition.

        Content dates only, so two builds of the same content print the same date."""
        dates = [self.changelog.first_edition, *(change.date for change in self.changelog.changes)]
        items: list[Card | Checklist | Pack] = [*self.cards.values(), *self.checklists.values(), *self.packs.values()]
        for item in items:
            dates += [item.reviewed, *(change.date for change in item.changes)]
        return max(dates)

    def ordered(self, cards: list[Card] | None = None) -> list[Card]:
        """Cards in reading order: by type as the registry lists them, then by code number."""
        type_order = list(self.family_registry.types)
        pool = list(self.cards.values()) if cards is None else cards
        return sorted(pool, key=lambda c: (type_order.index(c.type), code_number(c.code)))

    def select(
        self,
        *,
        type: str | None = None,
        family: str | None = None,
        tag: str | None = None,
        role: str | None = None,
        question: str | None = None,
        source: str | None = None,
    ) -> list[Card]:
        """Cards matching every filter given, in reading order."""
        if type is not None and type not in self.family_registry.types:
            raise HandbookError([Problem("macro", "type", f"'{type}' is not a card type")])
        if family is not None:
            self.family(family)
        chosen = [
            card
            for card in self.cards.values()
            if (type is None or card.type == type)
            and (family is None or self.type_of(card).family == family)
            and (tag is None or tag in card.tags)
            and (role is None or role in card.roles)
            and (question is None or question in card.questions or card.id == question)
            and (source is None or source in card.sources)
        ]
        return self.ordered(chosen)

    def role_families(self) -> list[Family]:
        """The families in the order "Per rol" shows them (families.yml `role_order`)."""
        order = self.family_registry.role_order
        families = self.family_registry.families
        return sorted(families, key=lambda f: order.index(f.id)) if order else list(families)

    def checklists_for_role(self, role_id: str) -> list[Checklist]:
        """The checklists for a role's work: those whose every item comes from a card for that role."""
        return [
            checklist
            for checklist in self.ordered_checklists()
            if all(role_id in card.roles for card, _ in self.checklist_items(checklist))
        ]

    def safety_first(self, card: Card) -> Card | None:
        """The safety card this card opens with: only when its type asks for one and the card shares a
        source with it (a card from a source that does not ask the question does not get it)."""
        card_id = self.type_of(card).safety_first
        safety = self.cards.get(card_id) if card_id else None
        if safety is None or safety.id == card.id or not set(safety.sources) & set(card.sources):
            return None
        return safety

    def cautions_by_status(self, card: Card) -> tuple[list[Caution], list[tuple[str, list[Caution]]]]:
        """Cautions from guidance ("Let op"), and observations from other kinds of text, headed by kind.

        A practice report's conclusion is shown as what it is ("Uit een praktijkverslag"), not with the
        weight of a contra-indication; a news opinion is not called practice.
        """
        guidance: list[Caution] = []
        observed: dict[str, list[Caution]] = {}
        for caution in card.cautions:
            kinds = [self.kind_of(key) for key in caution.sources]
            if any(kind.guidance for kind in kinds):
                guidance.append(caution)
            else:
                observed.setdefault(f"Uit een {kinds[0].label.lower()}", []).append(caution)
        return guidance, list(observed.items())

    def related_to(self, card: Card) -> list[Card]:
        """Related both ways: a card shows what it names and what names it."""
        ids = set(card.related) | {other.id for other in self.cards.values() if card.id in other.related}
        return self.ordered([self.cards[i] for i in ids])

    def neighbours(self, card: Card) -> tuple[Card | None, Card | None]:
        """The previous and next card of the same family, in reading order."""
        family = self.by_family()[self.type_of(card).family]
        index = family.index(card)
        return (family[index - 1] if index else None, family[index + 1] if index + 1 < len(family) else None)

    def moments_for(self, card: Card) -> list[CaseMoment]:
        return [
            CaseMoment(case, moment)
            for case in self.ordered()
            for moment in case.moments
            if card.id in moment.illustrates
        ]

    def checklist_items(self, checklist: Checklist) -> list[tuple[Card, Check]]:
        """The checklist's items in its order, each with the card it comes from."""
        return [pair for ref in checklist.items if (pair := self.resolve_check(ref))]

    def checklists_for(self, card: Card) -> list[Checklist]:
        """Backlinks: every checklist that holds an item from this card."""
        return [c for c in self.ordered_checklists() if any(ref.startswith(f"{card.id}/") for ref in c.items)]

    def ordered_checklists(self) -> list[Checklist]:
        return sorted(self.checklists.values(), key=lambda c: code_number(c.code))

    def ordered_packs(self) -> list[Pack]:
        return sorted(self.packs.values(), key=lambda p: code_number(p.code))

    def checklist_sources(self, checklist: Checklist) -> list[str]:
        """The sources of a checklist are its items' own sources (and its next step's and its text's), first
        item first: the printed source line and the perspective notices name every text the page draws on."""
        keys = [key for _, check in self.checklist_items(checklist) for key in check.sources]
        keys += checklist.next_step.sources if checklist.next_step else []
        keys += checklist.text_sources
        return list(dict.fromkeys(keys))

    def by_family(self) -> dict[str, list[Card]]:
        grouped: dict[str, list[Card]] = defaultdict(list)
        for card in self.ordered():
            grouped[self.type_of(card).family].append(card)
        return grouped

    def resolve_check(self, ref: str) -> tuple[Card, Check] | None:
        """A checklist item (`<card id>/<check id>`) with its card, or None when there is no such check."""
        card_id, _, check_id = ref.partition("/")
        card = self.cards.get(card_id)
        if card is None:
            return None
        for check in card.checks:
            if check.id == check_id:
                return card, check
        return None

    def resolve(self, pack: Pack) -> list[ResolvedItem]:
        """The pack's items in its order, each with its card or checklist."""
        return [
            ResolvedItem(item, self.cards.get(item.card or ""), self.checklists.get(item.checklist or ""))
            for item in pack.items
        ]

    def item_sources(self, item: Card | Checklist) -> list[str]:
        """A card's own sources; a checklist's are its items' (checklist_sources)."""
        return list(item.sources) if isinstance(item, Card) else self.checklist_sources(item)

    def item_path(self, item: Card | Checklist | Pack) -> str:
        """The page of a card, checklist or pack, as a path inside docs/."""
        if isinstance(item, Card):
            return self.paths[item.id]
        return self.checklist_paths[item.id] if isinstance(item, Checklist) else self.pack_paths[item.id]

    def pack_sources(self, pack: Pack) -> list[str]:
        """A pack's sources are its items' sources, in source-key order (the source list of the handout)."""
        return sorted({key for entry in self.resolve(pack) for key in self.item_sources(entry.target)})
