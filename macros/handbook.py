"""The whole handbook as one validated index: cards, registries and the links between them.

Per-card validation (pydantic) cannot see other cards. The rules that need the whole set (unique
ids and codes, references that must exist, files in the right folder) are checked here, once, so
the rendering code can trust every id it is handed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from .body import heading_anchors
from .body import sections as body_sections
from .content_lock import unrecorded
from .errors import HandbookError, Problem
from .loading import CHECKLIST_DIR, SourceFile, load_pages, load_registries
from .model import (
    KIND_ITEMS,
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
    Moment,
    Moved,
    Pack,
    Role,
    Source,
    SourceKind,
    SourceRegistry,
    Term,
)
from .packs import add_packs


@dataclass(frozen=True)
class CaseMoment:
    """A moment of a case card seen from the card it illustrates."""

    case: Card
    moment: Moment


def _code_number(card: Card) -> int:
    return int(re.sub(r"\D", "", card.code))


def build_date() -> date:
    """The day the build stands on: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=UTC).date() if epoch else date.today()


def short_link_source(code: str) -> str:
    """Where a code's short link lives, as a page path: k/p3/ is the page "k/p3.md"."""
    return f"k/{code.lower()}.md"


def page_address(src_uri: str) -> str:
    """Where MkDocs publishes a page, relative to the site root (directory URLs): x/y.md and x/y/index.md
    are both x/y/. The same rule as rendering.page_url, which the redirect pages are written with."""
    path = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{path}/" if path else ""


def repeated(label: str, where: str, values: list[str]) -> list[Problem]:
    """A value listed twice in one list (a source, tag, role, related card): cited or shown twice."""
    return [
        Problem(label, f"{where}.{n}", f"'{value}' is listed twice; keep one")
        for n, value in enumerate(values)
        if value in values[:n]
    ]


def term_key(term: str) -> str:
    """A glossary term as a reader sees it: Unicode compatibility form (NFKC: a decomposed ö, a no-break
    space), runs of whitespace as one space, case folded."""
    return " ".join(unicodedata.normalize("NFKC", term).split()).casefold()


def abbreviation_key(abbr: str) -> str:
    """An abbreviation as Python-Markdown's abbr extension matches it: a word, so a trailing + & or - is
    not part of it (MDA++ is defined as MDA)."""
    return abbr.rstrip("+&-")


def identity_problems(
    label: str, key: str, item: Any, src_uri: str, folder: str, paths: dict[str, str], codes: dict[str, str]
) -> list[Problem]:
    """Where a checklist or a course pack lives and what it is called: its id is unique and names its
    file in `folder`, its code is unique, and its review date is not in the future.

    Codes and file names end up in addresses and on paper, so a clash is an error, never a silent
    overwrite. Records the code in `codes`; the caller skips an item whose id is taken.
    """
    if item.id in paths:
        return [Problem(label, f"{key}.id", f"'{item.id}' is already used by docs/{paths[item.id]}")]
    found = []
    if src_uri != f"{folder}/{item.id}.md":
        found.append(Problem(label, f"{key}.id", f"this {key} must be docs/{folder}/{item.id}.md"))
    if item.reviewed > build_date():
        found.append(Problem(label, f"{key}.reviewed", f"{item.reviewed} is in the future"))
    if item.code in codes:
        found.append(Problem(label, f"{key}.code", f"'{item.code}' is already used by docs/{codes[item.code]}"))
    codes[item.code] = src_uri
    return found


@dataclass
class Handbook:
    sources: SourceRegistry
    family_registry: FamilyRegistry
    roles: list[Role]
    glossary: list[Term]
    checklist_registry: ChecklistRegistry
    moved: Moved
    changelog: ChangeLog
    lock: ContentLock
    files: dict[str, SourceFile] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    checklist_paths: dict[str, str] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    pack_paths: dict[str, str] = field(default_factory=dict)
    _anchors: dict[str, set[str]] = field(default_factory=dict, repr=False)

    # -- building -----------------------------------------------------------------------------

    @classmethod
    def from_disk(cls, docs_dir: Path) -> Handbook:
        handbook = cls(*load_registries(docs_dir))
        handbook._check_registries()
        folders = {card_type.family for card_type in handbook.family_registry.types.values()}
        pages = load_pages(docs_dir, folders)
        handbook.files = pages.files
        handbook._add(pages.cards)
        handbook._check_roles()
        handbook._add_checklists(pages.checklists)
        add_packs(handbook, pages.packs)
        handbook._check_glossary()
        handbook._check_types()
        handbook._check_addresses()
        handbook._check_changelog()
        return handbook

    def _check_registries(self) -> None:
        """The registries agree with each other before any page is read, so a mistake in one is reported
        in that file, not as a problem of every page that uses it."""
        problems: list[Problem] = []
        kinds = self.sources.kinds
        for key, source in self.sources.sources.items():
            if source.kind not in kinds:
                message = f"'{source.kind}' is not a kind of text in kinds ({', '.join(kinds)})"
                problems.append(Problem("docs/_data/bronnen.yml", f"sources.{key}.kind", message))
        family_ids = [family.id for family in self.family_registry.families]
        for name, card_type in self.family_registry.types.items():
            if card_type.family not in family_ids:
                message = f"'{card_type.family}' is not a family in families ({', '.join(family_ids)})"
                problems.append(Problem("docs/_data/families.yml", f"types.{name}.family", message))
        for name, kind in self.checklist_registry.kinds.items():
            if kind.items != KIND_ITEMS[name]:
                message = f"a {name} list holds {KIND_ITEMS[name]} items (what the kind means), not {kind.items}"
                problems.append(Problem("docs/_data/checklists.yml", f"kinds.{name}.items", message))
        if problems:
            raise HandbookError(problems)

    def _check_roles(self) -> None:
        """Each role once, and named by a card: the "Per rol" page shows a section per role."""
        label = "docs/_data/rollen.yml"
        problems: list[Problem] = []
        named = {role for card in self.cards.values() for role in card.roles}
        seen: set[str] = set()
        for n, role in enumerate(self.roles):
            if role.id in seen:
                problems.append(Problem(label, f"{n}.id", f"'{role.id}' is defined twice"))
            elif role.id not in named:
                message = (
                    f"no card names the role '{role.id}', so 'Per rol' would show it without cards; "
                    "give it to the cards that concern it (card.roles), or remove it"
                )
                problems.append(Problem(label, f"{n}.id", message))
            seen.add(role.id)
        if problems:
            raise HandbookError(problems)

    def _check_changelog(self) -> None:
        """Site-level change records name a page that exists; no content changed without a record."""
        problems = [
            Problem("docs/_data/wijzigingen.yml", f"changes.{n}.page", f"'{change.page}' is not a page in docs/")
            for n, change in enumerate(self.changelog.changes)
            if change.page not in self.files
        ]
        problems += unrecorded(self)
        if problems:
            raise HandbookError(problems)

    def anchors(self, src_uri: str) -> set[str]:
        """The explicit heading anchors an author wrote on a page (read once per page)."""
        if src_uri not in self._anchors:
            self._anchors[src_uri] = {a for _, _, a in heading_anchors(self.files[src_uri].body) if a}
        return self._anchors[src_uri]

    def _check_types(self) -> None:
        problems = [
            Problem("docs/_data/families.yml", f"types.{name}.safety_first", f"'{t.safety_first}' is not a card id")
            for name, t in self.family_registry.types.items()
            if t.safety_first is not None and t.safety_first not in self.cards
        ]
        if problems:
            raise HandbookError(problems)

    def sections(self, src_uri: str) -> list[tuple[str, str]]:
        """A page's own sections (level-2 headings) as (anchor, heading text)."""
        return body_sections(self.files[src_uri].body)

    def short_links(self) -> dict[str, str]:
        """Every redirect the build writes: short links of cards and checklists, and moved pages.

        Old page path → the page it leads to (both source paths inside docs/).
        """
        links = {short_link_source(c.code): self.paths[c.id] for c in self.ordered()}
        links |= {short_link_source(c.code): self.checklist_paths[c.id] for c in self.ordered_checklists()}
        links |= {short_link_source(p.code): self.pack_paths[p.id] for p in self.packs.values()}
        return links | dict(self.moved.moved)

    def _check_addresses(self) -> None:
        """Every address is given once: short links, codes and moved pages never share one."""
        problems: list[Problem] = []
        label = "docs/_data/verhuisd.yml"
        owners: dict[str, str] = {}
        for card in self.cards.values():
            owners[short_link_source(card.code)] = f"docs/{self.paths[card.id]}"
        for checklist in self.checklists.values():
            key = short_link_source(checklist.code)
            if key in owners:
                problems.append(
                    Problem(
                        f"docs/{self.checklist_paths[checklist.id]}",
                        "checklist.code",
                        f"short link k/{checklist.code.lower()}/ is already used by {owners[key]}",
                    )
                )
            owners[key] = f"docs/{self.checklist_paths[checklist.id]}"
        for pack in self.packs.values():
            key = short_link_source(pack.code)
            if key in owners:
                message = f"short link k/{pack.code.lower()}/ is already used by {owners[key]}"
                problems.append(Problem(f"docs/{self.pack_paths[pack.id]}", "lespakket.code", message))
            owners[key] = f"docs/{self.pack_paths[pack.id]}"
        # Compared by published address, not by file name: x.md and x/index.md are both x/.
        pages = {page_address(src_uri): src_uri for src_uri in self.files}
        links = {page_address(src_uri): owner for src_uri, owner in owners.items()}
        redirects: dict[str, str] = {}
        for old, new in self.moved.moved.items():
            address = page_address(old)
            where = f"moved.{old}"
            if old in self.files:
                problems.append(Problem(label, where, "a page still exists at this path; remove one of them"))
            elif old in owners:
                message = f"this is the short link of {owners[old]}; a code that moved stays taken"
                problems.append(Problem(label, where, message))
            elif address in pages:
                message = (
                    f"its address {address} is the address of docs/{pages[address]}; the redirect would replace"
                    " that page"
                )
                problems.append(Problem(label, where, message))
            elif address in links:
                message = f"its address {address} is the short link of {links[address]}; a code that moved stays taken"
                problems.append(Problem(label, where, message))
            elif address in redirects:
                message = f"its address {address} is also the address of moved.{redirects[address]}; keep one"
                problems.append(Problem(label, where, message))
            redirects.setdefault(address, old)
            if new not in self.files:
                problems.append(Problem(label, where, f"'{new}' is not a page in docs/"))
        if problems:
            raise HandbookError(problems)

    def _add_checklists(self, loaded: list[tuple[str, Checklist]]) -> None:
        problems: list[Problem] = []
        codes: dict[str, str] = {}
        used: set[str] = set()
        for src_uri, checklist in loaded:
            label = f"docs/{src_uri}"
            found = identity_problems(
                label, "checklist", checklist, src_uri, CHECKLIST_DIR, self.checklist_paths, codes
            )
            problems.extend(found)
            if checklist.id in self.checklist_paths:
                continue
            if checklist.pause not in self.checklist_registry.pauses:
                pauses = ", ".join(self.checklist_registry.pauses)
                problems.append(
                    Problem(label, "checklist.pause", f"'{checklist.pause}' is not a pause point ({pauses})")
                )
            problems.extend(self._check_checklist_items(label, checklist))
            used.update(checklist.items)
            self.checklists[checklist.id] = checklist
            self.checklist_paths[checklist.id] = src_uri
        for card in self.cards.values():
            for n, check in enumerate(card.checks):
                if f"{card.id}/{check.id}" not in used:
                    problems.append(
                        Problem(f"docs/{self.paths[card.id]}", f"card.checks.{n}", f"'{check.id}' is on no checklist")
                    )
        if problems:
            raise HandbookError(problems)

    def _check_checklist_items(self, label: str, checklist: Checklist) -> list[Problem]:
        """Every item exists once, is the kind of item the list holds, and may come from its source."""
        found: list[Problem] = []
        kind = self.checklist_registry.kinds[checklist.kind]
        for n, ref in enumerate(checklist.items):
            where = f"checklist.items.{n}"
            resolved = self._resolve_check(ref)
            if ref in checklist.items[:n]:
                found.append(Problem(label, where, f"'{ref}' is listed twice"))
            elif resolved is None:
                found.append(Problem(label, where, f"'{ref}' is not a check on a card"))
            else:
                check = resolved[1]
                if check.kind != kind.items:
                    message = f"'{ref}' is a {check.kind}; a {checklist.kind} list holds {kind.items} items only"
                    found.append(Problem(label, where, message))
                for key in check.sources:
                    allowed = self.sources.kinds[self.source(key).kind].feeds if key in self.sources.sources else []
                    if allowed and checklist.kind not in allowed:
                        text_kind = self.sources.kinds[self.source(key).kind].label.lower()
                        message = (
                            f"'{ref}' comes from {key} ({text_kind}), which may feed {', '.join(allowed)} lists only,"
                            f" not {checklist.kind}"
                        )
                        found.append(Problem(label, where, message))
        if checklist.next_step is not None:
            found.extend(self._check_next_step(label, checklist))
        cited = [("next_step.sources", checklist.next_step.sources if checklist.next_step else [])]
        for field_name, keys in [*cited, ("text_sources", checklist.text_sources)]:
            found.extend(repeated(label, f"checklist.{field_name}", keys))
            for m, key in enumerate(keys):
                if key not in self.sources.sources:
                    found.append(Problem(label, f"checklist.{field_name}.{m}", f"'{key}' is not a source key"))
        return found

    def _check_next_step(self, label: str, checklist: Checklist) -> list[Problem]:
        """A next step says what to do: its source may feed this kind of list (a parent's story or a news
        article may not give an instruction), and is a source of the cards the list's items come from."""
        assert checklist.next_step is not None
        found: list[Problem] = []
        item_sources = {key for card, _ in self.checklist_items(checklist) for key in card.sources}
        for m, key in enumerate(checklist.next_step.sources):
            where = f"checklist.next_step.sources.{m}"
            if key not in self.sources.sources:
                continue  # reported below as an unknown source key
            kind = self.kind_of(key)
            if kind.feeds and checklist.kind not in kind.feeds:
                message = (
                    f"'{key}' ({kind.label.lower()}) may feed {', '.join(kind.feeds)} lists only, so it cannot give"
                    f" the next step of a {checklist.kind} list"
                )
                found.append(Problem(label, where, message))
            elif key not in item_sources:
                sources = ", ".join(sorted(item_sources)) or "none"
                message = f"'{key}' is not a source of the cards this list's items come from ({sources})"
                found.append(Problem(label, where, message))
        return found

    def _resolve_check(self, ref: str) -> tuple[Card, Check] | None:
        card_id, _, check_id = ref.partition("/")
        card = self.cards.get(card_id)
        if card is None:
            return None
        for check in card.checks:
            if check.id == check_id:
                return card, check
        return None

    def _check_glossary(self) -> None:
        label = "docs/_data/begrippen.yml"
        problems = []
        terms: dict[str, int] = {}
        abbreviations: dict[str, tuple[int, str]] = {}
        for n, term in enumerate(self.glossary):
            key = term_key(term.term)
            if key in terms:
                first = self.glossary[terms[key]].term
                message = (
                    f"'{term.term}' is defined twice: entry {terms[key]} ('{first}') is the same term (compared in"
                    " Unicode normal form NFKC, spaces and case folded)"
                )
                problems.append(Problem(label, f"{n}", message))
            terms.setdefault(key, n)
            if term.abbr:
                short = abbreviation_key(term.abbr)
                if short in abbreviations:
                    entry, written = abbreviations[short]
                    message = (
                        f"'{term.abbr}' is defined twice"
                        if written == term.abbr
                        else f"'{term.abbr}' is the abbreviation '{short}' of entry {entry} ('{written}'): a trailing"
                        " + & or - is not part of an abbreviation on the page, so one would show the other's meaning"
                    )
                    problems.append(Problem(label, f"{n}.abbr", message))
                abbreviations.setdefault(short, (n, term.abbr))
            for attribute in ("sources", "also_in"):
                problems.extend(repeated(label, f"{n}.{attribute}", getattr(term, attribute)))
                for m, key in enumerate(getattr(term, attribute)):
                    if key not in self.sources.sources:
                        problems.append(Problem(label, f"{n}.{attribute}.{m}", f"'{key}' is not a source key"))
                    elif attribute == "also_in" and key in term.sources:
                        problems.append(Problem(label, f"{n}.{attribute}.{m}", f"'{key}' is in sources already"))
        if problems:
            raise HandbookError(problems)

    def _add(self, loaded: list[tuple[str, Card]]) -> None:
        problems: list[Problem] = []
        codes: dict[str, str] = {}
        for src_uri, card in loaded:
            label = f"docs/{src_uri}"
            if card.id in self.cards:
                problems.append(Problem(label, "card.id", f"'{card.id}' is already used by docs/{self.paths[card.id]}"))
                continue
            if card.code in codes:
                problems.append(
                    Problem(label, "card.code", f"'{card.code}' is already used by docs/{codes[card.code]}")
                )
            codes[card.code] = src_uri
            self.cards[card.id] = card
            self.paths[card.id] = src_uri
        for card_id, card in self.cards.items():
            problems.extend(self._check(card, f"docs/{self.paths[card_id]}"))
        if problems:
            raise HandbookError(problems)

    def _check(self, card: Card, label: str) -> list[Problem]:
        """Cross-references of one card: every name it uses must exist."""
        found: list[Problem] = []

        def unknown(field_name: str, value: str, what: str) -> None:
            found.append(Problem(label, field_name, f"'{value}' is not {what}"))

        card_type = self.family_registry.types.get(card.type)
        if card_type is None:
            unknown("card.type", card.type, f"a card type (one of: {', '.join(self.family_registry.types)})")
        else:
            expected = PurePosixPath(card_type.family) / f"{card.id}.md"
            if PurePosixPath(self.paths[card.id]) != expected:
                found.append(
                    Problem(label, "card.id", f"a {card.type} card with this id must be the file docs/{expected}")
                )
            if not card.code.startswith(card_type.prefix) or not card.code[len(card_type.prefix) :].isdigit():
                found.append(Problem(label, "card.code", f"must be {card_type.prefix} followed by a number"))
        for name in ("sources", "tags", "related", "roles", "questions"):
            found.extend(repeated(label, f"card.{name}", getattr(card, name)))
        for n, caution in enumerate(card.cautions):
            found.extend(repeated(label, f"card.cautions.{n}.sources", caution.sources))
        for n, check in enumerate(card.checks):
            found.extend(repeated(label, f"card.checks.{n}.sources", check.sources))
        for n, moment in enumerate(card.moments):
            found.extend(repeated(label, f"card.moments.{n}.illustrates", moment.illustrates))
        for n, key in enumerate(card.sources):
            if key not in self.sources.sources:
                unknown(f"card.sources.{n}", key, "a source key in docs/_data/bronnen.yml")
        for n, caution in enumerate(card.cautions):
            for m, key in enumerate(caution.sources):
                if key not in self.sources.sources:
                    unknown(f"card.cautions.{n}.sources.{m}", key, "a source key in docs/_data/bronnen.yml")
        for n, ref in enumerate(card.related):
            if ref not in self.cards:
                unknown(f"card.related.{n}", ref, "a card id")
            elif ref == card.id:
                found.append(Problem(label, f"card.related.{n}", "a card cannot be related to itself"))
        for n, ref in enumerate(card.questions):
            if self.cards.get(ref) is None or self.cards[ref].type != "vraagstuk":
                unknown(f"card.questions.{n}", ref, "the id of a vraagstuk card")
        role_ids = {role.id for role in self.roles}
        for n, ref in enumerate(card.roles):
            if ref not in role_ids:
                unknown(f"card.roles.{n}", ref, "a role in docs/_data/rollen.yml")
        anchors = self.anchors(self.paths[card.id])
        check_ids = [check.id for check in card.checks]
        for n, check in enumerate(card.checks):
            for m, key in enumerate(check.sources):
                if key not in card.sources:
                    unknown(f"card.checks.{n}.sources.{m}", key, "one of this card's sources")
            if check.id in check_ids[:n]:
                found.append(Problem(label, f"card.checks.{n}.id", f"'{check.id}' is used twice on this card"))
            if check.section is not None and check.section not in anchors:
                unknown(f"card.checks.{n}.section", check.section, "the anchor of a heading on this card")
        for n, moment in enumerate(card.moments):
            if moment.id not in anchors:
                unknown(f"card.moments.{n}.id", moment.id, "the anchor of a heading on this card")
            for m, ref in enumerate(moment.illustrates):
                if ref not in self.cards:
                    unknown(f"card.moments.{n}.illustrates.{m}", ref, "a card id")
        today = build_date()
        if card.reviewed > today:
            found.append(Problem(label, "card.reviewed", f"{card.reviewed} is in the future (today is {today})"))
        for n, change in enumerate(card.changes):
            if change.date > today:
                found.append(Problem(label, f"card.changes.{n}.date", f"{change.date} is in the future"))
        return found

    # -- looking up ---------------------------------------------------------------------------

    def card(self, card_id: str) -> Card:
        """A card by id; an unknown id is an author's mistake in a page, so it stops the build."""
        try:
            return self.cards[card_id]
        except KeyError:
            raise HandbookError([Problem("macro", "card id", f"'{card_id}' is not a card id")]) from None

    def card_for_page(self, src_uri: str) -> Card | None:
        for card_id, path in self.paths.items():
            if path == src_uri:
                return self.cards[card_id]
        return None

    def checklist_for_page(self, src_uri: str) -> Checklist | None:
        for checklist_id, path in self.checklist_paths.items():
            if path == src_uri:
                return self.checklists[checklist_id]
        return None

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
        return self.sources.sources[key]

    def kind_of(self, key: str) -> SourceKind:
        return self.sources.kinds[self.source(key).kind]

    def ordered(self, cards: list[Card] | None = None) -> list[Card]:
        """Cards in reading order: by type as the registry lists them, then by code number."""
        type_order = list(self.family_registry.types)
        pool = list(self.cards.values()) if cards is None else cards
        return sorted(pool, key=lambda c: (type_order.index(c.type), _code_number(c)))

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
        return [pair for ref in checklist.items if (pair := self._resolve_check(ref))]

    def checklists_for(self, card: Card) -> list[Checklist]:
        """Backlinks: every checklist that holds an item from this card."""
        return [c for c in self.ordered_checklists() if any(ref.startswith(f"{card.id}/") for ref in c.items)]

    def ordered_checklists(self) -> list[Checklist]:
        return sorted(self.checklists.values(), key=lambda c: int(c.code[2:]))

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
