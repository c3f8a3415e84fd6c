"""Every rule that needs more than one file: the handbook is filled here, checked as it grows.

Per-card validation (pydantic, model.py) cannot see other cards, and loading.py reads one file at a
time. The rules that need the whole set (unique ids and codes, references that must exist, files in
the right folder, short links and moved pages that never share an address, no content changed
without a record) are checked here, once, so the lookups (handbook.py) and the rendering code can
trust every id they are handed. The order is loading → validation → lookup: `load_handbook` reads
the registries, then fills an empty Handbook step by step, each step relying on the ones before it.
The lookup layer (handbook.py) imports nothing from here.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

from .addresses import page_url, short_link_page, short_link_path
from .content_lock import GLOSSARY_KEY, content_states
from .edition import build_date
from .errors import HandbookError, Problem
from .handbook import Handbook
from .loading import CHECKLIST_DIR, PACK_DIR, load_pages, load_registries
from .model import KIND_ITEMS, Card, Checklist, Pack


def load_handbook(docs_dir: Path) -> Handbook:
    """Read docs/ into a Handbook, checking every rule that needs more than one file on the way.

    Each step stops the build with every problem it found; a later step may rely on the earlier ones
    (a checklist's items are looked up among cards that were checked already).
    """
    handbook = Handbook(*load_registries(docs_dir))
    _check_registries(handbook)
    folders = {card_type.family for card_type in handbook.family_registry.types.values()}
    pages = load_pages(docs_dir, folders)
    handbook.files = pages.files
    _add_cards(handbook, pages.cards)
    _check_roles(handbook)
    _add_checklists(handbook, pages.checklists)
    _add_packs(handbook, pages.packs)
    _check_glossary(handbook)
    _check_types(handbook)
    _check_addresses(handbook)
    _check_changelog(handbook)
    _check_herkomst(handbook)
    return handbook


def _check_registries(handbook: Handbook) -> None:
    """The registries agree with each other before any page is read, so a mistake in one is reported
    in that file, not as a problem of every page that uses it."""
    problems: list[Problem] = []
    kinds = handbook.source_registry.kinds
    for key, source in handbook.source_registry.sources.items():
        if source.kind not in kinds:
            message = f"'{source.kind}' is not a kind of text in kinds ({', '.join(kinds)})"
            problems.append(Problem("docs/_data/bronnen.yml", f"sources.{key}.kind", message))
    family_ids = [family.id for family in handbook.family_registry.families]
    for name, card_type in handbook.family_registry.types.items():
        if card_type.family not in family_ids:
            message = f"'{card_type.family}' is not a family in families ({', '.join(family_ids)})"
            problems.append(Problem("docs/_data/families.yml", f"types.{name}.family", message))
    for name, kind in handbook.checklist_registry.kinds.items():
        if kind.items != KIND_ITEMS[name]:
            message = f"a {name} list holds {KIND_ITEMS[name]} items (what the kind means), not {kind.items}"
            problems.append(Problem("docs/_data/checklists.yml", f"kinds.{name}.items", message))
    if problems:
        raise HandbookError(problems)


def _add_cards(handbook: Handbook, loaded: list[tuple[str, Card]]) -> None:
    """Index the cards (an id or code used twice is an error), then check each card's references,
    which may name any card, so only once all are indexed."""
    problems: list[Problem] = []
    codes: dict[str, str] = {}
    for src_uri, card in loaded:
        label = f"docs/{src_uri}"
        if card.id in handbook.cards:
            problems.append(Problem(label, "card.id", f"'{card.id}' is already used by docs/{handbook.paths[card.id]}"))
            continue
        if card.code in codes:
            problems.append(Problem(label, "card.code", f"'{card.code}' is already used by docs/{codes[card.code]}"))
        codes[card.code] = src_uri
        handbook.cards[card.id] = card
        handbook.paths[card.id] = src_uri
        handbook.by_page[src_uri] = card
    for card_id, card in handbook.cards.items():
        problems.extend(_check_card(handbook, card, f"docs/{handbook.paths[card_id]}"))
    if problems:
        raise HandbookError(problems)


HERKOMST = "docs/_data/herkomst.yml"


def _card_section_problem(handbook: Handbook, ref: str) -> str | None:
    """Why `card-id#anchor` names no section of a card, or None when it does."""
    card_id, _, anchor = ref.partition("#")
    if card_id not in handbook.cards:
        return f"'{card_id}' is not a card id"
    anchors = [a for a, _ in handbook.sections(handbook.paths[card_id])]
    if anchor not in anchors:
        return f"'#{anchor}' is not a section of {card_id} (its level-2 headings: {', '.join(anchors) or 'none'})"
    return None


def _check_herkomst(handbook: Handbook) -> None:
    """The source map (herkomst.yml) names real card sections, every card carries a passage, and every card
    section is fed by a passage or listed as the editors' own."""
    problems: list[Problem] = []
    herkomst = handbook.herkomst
    fed: dict[str, str] = {}
    for key in handbook.source_registry.sources:
        if key not in herkomst.sources:
            problems.append(Problem(HERKOMST, "sources", f"source {key} (bronnen.yml) has no outline here"))
    for key, sections in herkomst.sources.items():
        if key not in handbook.source_registry.sources:
            problems.append(
                Problem(HERKOMST, f"sources.{key}", f"'{key}' is not a source key in docs/_data/bronnen.yml")
            )
            continue
        for n, section in enumerate(sections):
            where = f"sources.{key}.{n}.cards"
            problems.extend(repeated(HERKOMST, where, section.cards))
            for m, ref in enumerate(section.cards):
                problem = _card_section_problem(handbook, ref)
                card_id = ref.partition("#")[0]
                if problem is None and key not in handbook.cards[card_id].sources:
                    problem = f"'{card_id}' does not name source {key} in its sources"
                if problem is not None:
                    problems.append(Problem(HERKOMST, f"{where}.{m}", problem))
                fed.setdefault(ref, f"sources.{key}.{n}")
    for ref in herkomst.own:
        problem = _card_section_problem(handbook, ref)
        if problem is None and ref in fed:
            problem = f"is fed by {fed[ref]}; a section the sources feed is not the editors' own"
        if problem is not None:
            problems.append(Problem(HERKOMST, f"own.{ref}", problem))
    carried = {ref.partition("#")[0] for ref in fed}
    for card in handbook.ordered():
        if card.id not in carried:
            message = (
                f"card '{card.id}' carries no section of any source: name its sections under the passages they carry"
            )
            problems.append(Problem(HERKOMST, "sources", message))
            continue
        for anchor, heading in handbook.sections(handbook.paths[card.id]):
            ref = f"{card.id}#{anchor}"
            if ref not in fed and ref not in herkomst.own:
                message = (
                    f"'{ref}' ({heading}) is fed by no source section: map a passage to it, or list it here with why"
                )
                problems.append(Problem(HERKOMST, "own", message))
    if problems:
        raise HandbookError(problems)


def _check_card(handbook: Handbook, card: Card, label: str) -> list[Problem]:
    """Cross-references of one card: every name it uses must exist."""
    found: list[Problem] = []

    def unknown(field_name: str, value: str, what: str) -> None:
        found.append(Problem(label, field_name, f"'{value}' is not {what}"))

    card_type = handbook.family_registry.types.get(card.type)
    if card_type is None:
        unknown("card.type", card.type, f"a card type (one of: {', '.join(handbook.family_registry.types)})")
    else:
        expected = PurePosixPath(card_type.family) / f"{card.id}.md"
        if PurePosixPath(handbook.paths[card.id]) != expected:
            found.append(Problem(label, "card.id", f"a {card.type} card with this id must be the file docs/{expected}"))
        if not card.code.startswith(card_type.prefix) or not card.code[len(card_type.prefix) :].isdigit():
            found.append(Problem(label, "card.code", f"must be {card_type.prefix} followed by a number"))
    for name in ("sources", "tags", "related", "roles", "questions"):
        found.extend(repeated(label, f"card.{name}", getattr(card, name)))
    found.extend(search_term_problems(label, "card", card.search_terms, f"{card.title} {card.summary}"))
    for n, caution in enumerate(card.cautions):
        found.extend(repeated(label, f"card.cautions.{n}.sources", caution.sources))
    for n, check in enumerate(card.checks):
        found.extend(repeated(label, f"card.checks.{n}.sources", check.sources))
    for n, moment in enumerate(card.moments):
        found.extend(repeated(label, f"card.moments.{n}.illustrates", moment.illustrates))
    for n, key in enumerate(card.sources):
        if key not in handbook.source_registry.sources:
            unknown(f"card.sources.{n}", key, "a source key in docs/_data/bronnen.yml")
    for n, caution in enumerate(card.cautions):
        for m, key in enumerate(caution.sources):
            if key not in handbook.source_registry.sources:
                unknown(f"card.cautions.{n}.sources.{m}", key, "a source key in docs/_data/bronnen.yml")
    for n, ref in enumerate(card.related):
        if ref not in handbook.cards:
            unknown(f"card.related.{n}", ref, "a card id")
        elif ref == card.id:
            found.append(Problem(label, f"card.related.{n}", "a card cannot be related to itself"))
    for n, ref in enumerate(card.questions):
        if handbook.cards.get(ref) is None or handbook.cards[ref].type != "vraagstuk":
            unknown(f"card.questions.{n}", ref, "the id of a vraagstuk card")
    role_ids = {role.id for role in handbook.roles}
    for n, ref in enumerate(card.roles):
        if ref not in role_ids:
            unknown(f"card.roles.{n}", ref, "a role in docs/_data/rollen.yml")
    anchors = handbook.anchors(handbook.paths[card.id])
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
            if ref not in handbook.cards:
                unknown(f"card.moments.{n}.illustrates.{m}", ref, "a card id")
    today = build_date()
    if card.reviewed > today:
        found.append(Problem(label, "card.reviewed", f"{card.reviewed} is in the future (today is {today})"))
    for n, change in enumerate(card.changes):
        if change.date > today:
            found.append(Problem(label, f"card.changes.{n}.date", f"{change.date} is in the future"))
    return found


def _check_roles(handbook: Handbook) -> None:
    """Each role once, and named by a card: the "Per rol" page shows a section per role."""
    label = "docs/_data/rollen.yml"
    problems: list[Problem] = []
    named = {role for card in handbook.cards.values() for role in card.roles}
    seen: set[str] = set()
    for n, role in enumerate(handbook.roles):
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


def _add_checklists(handbook: Handbook, loaded: list[tuple[str, Checklist]]) -> None:
    problems: list[Problem] = []
    codes: dict[str, str] = {}
    used: set[str] = set()
    for src_uri, checklist in loaded:
        label = f"docs/{src_uri}"
        found = identity_problems(
            label, "checklist", checklist, src_uri, CHECKLIST_DIR, handbook.checklist_paths, codes
        )
        problems.extend(found)
        if checklist.id in handbook.checklist_paths:
            continue
        if checklist.pause not in handbook.checklist_registry.pauses:
            pauses = ", ".join(handbook.checklist_registry.pauses)
            problems.append(Problem(label, "checklist.pause", f"'{checklist.pause}' is not a pause point ({pauses})"))
        problems.extend(_check_checklist_items(handbook, label, checklist))
        moment = handbook.checklist_registry.pauses.get(checklist.pause, "")
        own_text = f"{checklist.title} {checklist.purpose} {moment}"
        problems.extend(search_term_problems(label, "checklist", checklist.search_terms, own_text))
        used.update(checklist.items)
        handbook.checklists[checklist.id] = checklist
        handbook.checklist_paths[checklist.id] = src_uri
        handbook.by_page[src_uri] = checklist
    for card in handbook.cards.values():
        for n, check in enumerate(card.checks):
            if f"{card.id}/{check.id}" not in used:
                problems.append(
                    Problem(f"docs/{handbook.paths[card.id]}", f"card.checks.{n}", f"'{check.id}' is on no checklist")
                )
    if problems:
        raise HandbookError(problems)


def _check_checklist_items(handbook: Handbook, label: str, checklist: Checklist) -> list[Problem]:
    """Every item exists once, is the kind of item the list holds, and may come from its source."""
    found: list[Problem] = []
    kind = handbook.checklist_registry.kinds[checklist.kind]
    for n, ref in enumerate(checklist.items):
        where = f"checklist.items.{n}"
        resolved = handbook.resolve_check(ref)
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
                allowed = handbook.kind_of(key).feeds if key in handbook.source_registry.sources else []
                if allowed and checklist.kind not in allowed:
                    text_kind = handbook.kind_of(key).label.lower()
                    message = (
                        f"'{ref}' comes from {key} ({text_kind}), which may feed {', '.join(allowed)} lists only,"
                        f" not {checklist.kind}"
                    )
                    found.append(Problem(label, where, message))
    if checklist.next_step is not None:
        found.extend(_check_next_step(handbook, label, checklist))
    cited = [("next_step.sources", checklist.next_step.sources if checklist.next_step else [])]
    for field_name, keys in [*cited, ("text_sources", checklist.text_sources)]:
        found.extend(repeated(label, f"checklist.{field_name}", keys))
        for m, key in enumerate(keys):
            if key not in handbook.source_registry.sources:
                found.append(Problem(label, f"checklist.{field_name}.{m}", f"'{key}' is not a source key"))
    return found


def _check_next_step(handbook: Handbook, label: str, checklist: Checklist) -> list[Problem]:
    """A next step says what to do: its source may feed this kind of list (a parent's story or a news
    article may not give an instruction), and is a source of the cards the list's items come from."""
    assert checklist.next_step is not None
    found: list[Problem] = []
    item_sources = {key for card, _ in handbook.checklist_items(checklist) for key in card.sources}
    for m, key in enumerate(checklist.next_step.sources):
        where = f"checklist.next_step.sources.{m}"
        if key not in handbook.source_registry.sources:
            continue  # reported below as an unknown source key
        kind = handbook.kind_of(key)
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


def _add_packs(handbook: Handbook, loaded: list[tuple[str, Pack]]) -> None:
    """Index the course packs (items that exist, no item twice, codes unique); every problem in every
    pack is reported in one go."""
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
        handbook.by_page[src_uri] = pack
    if problems:
        raise HandbookError(problems)


def _item_problems(handbook: Handbook, label: str, pack: Pack) -> list[Problem]:
    """Every item of a pack is a card or checklist that exists, and is in the pack once."""
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


def _check_glossary(handbook: Handbook) -> None:
    label = "docs/_data/begrippen.yml"
    problems = []
    terms: dict[str, int] = {}
    abbreviations: dict[str, tuple[int, str]] = {}
    for n, term in enumerate(handbook.glossary):
        key = term_key(term.term)
        if key in terms:
            first = handbook.glossary[terms[key]].term
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
                if key not in handbook.source_registry.sources:
                    problems.append(Problem(label, f"{n}.{attribute}.{m}", f"'{key}' is not a source key"))
                elif attribute == "also_in" and key in term.sources:
                    problems.append(Problem(label, f"{n}.{attribute}.{m}", f"'{key}' is in sources already"))
    if problems:
        raise HandbookError(problems)


def _check_types(handbook: Handbook) -> None:
    problems = [
        Problem("docs/_data/families.yml", f"types.{name}.safety_first", f"'{t.safety_first}' is not a card id")
        for name, t in handbook.family_registry.types.items()
        if t.safety_first is not None and t.safety_first not in handbook.cards
    ]
    if problems:
        raise HandbookError(problems)


def _check_addresses(handbook: Handbook) -> None:
    """Every address is given once: short links, codes and moved pages never share one."""
    problems: list[Problem] = []
    label = "docs/_data/verhuisd.yml"
    owners: dict[str, str] = {}
    for card in handbook.cards.values():
        owners[short_link_page(card.code)] = f"docs/{handbook.paths[card.id]}"
    for checklist in handbook.checklists.values():
        key = short_link_page(checklist.code)
        if key in owners:
            problems.append(
                Problem(
                    f"docs/{handbook.checklist_paths[checklist.id]}",
                    "checklist.code",
                    f"short link {short_link_path(checklist.code)} is already used by {owners[key]}",
                )
            )
        owners[key] = f"docs/{handbook.checklist_paths[checklist.id]}"
    for pack in handbook.packs.values():
        key = short_link_page(pack.code)
        if key in owners:
            message = f"short link {short_link_path(pack.code)} is already used by {owners[key]}"
            problems.append(Problem(f"docs/{handbook.pack_paths[pack.id]}", "lespakket.code", message))
        owners[key] = f"docs/{handbook.pack_paths[pack.id]}"
    # Compared by published address, not by file name: x.md and x/index.md are both x/.
    pages = {page_url(src_uri): src_uri for src_uri in handbook.files}
    links = {page_url(src_uri): owner for src_uri, owner in owners.items()}
    redirects: dict[str, str] = {}
    for old, new in handbook.moved_registry.moved.items():
        address = page_url(old)
        where = f"moved.{old}"
        if old in handbook.files:
            problems.append(Problem(label, where, "a page still exists at this path; remove one of them"))
        elif old in owners:
            message = f"this is the short link of {owners[old]}; a code that moved stays taken"
            problems.append(Problem(label, where, message))
        elif address in pages:
            message = (
                f"its address {address} is the address of docs/{pages[address]}; the redirect would replace that page"
            )
            problems.append(Problem(label, where, message))
        elif address in links:
            message = f"its address {address} is the short link of {links[address]}; a code that moved stays taken"
            problems.append(Problem(label, where, message))
        elif address in redirects:
            message = f"its address {address} is also the address of moved.{redirects[address]}; keep one"
            problems.append(Problem(label, where, message))
        redirects.setdefault(address, old)
        if new not in handbook.files:
            problems.append(Problem(label, where, f"'{new}' is not a page in docs/"))
    if problems:
        raise HandbookError(problems)


def _check_changelog(handbook: Handbook) -> None:
    """Site-level change records name a page that exists; no content changed without a record."""
    problems = [
        Problem("docs/_data/wijzigingen.yml", f"changes.{n}.page", f"'{change.page}' is not a page in docs/")
        for n, change in enumerate(handbook.changelog.changes)
        if change.page not in handbook.files
    ]
    problems += unrecorded(handbook)
    if problems:
        raise HandbookError(problems)


def unrecorded(handbook: Handbook) -> list[Problem]:
    """Pages whose content changed since it was recorded, without a new change record: build errors
    (content_lock.py says what is recorded and how it is fingerprinted)."""
    problems: list[Problem] = []
    for key, reviewed, now in content_states(handbook):
        then = handbook.lock.recorded.get(key)
        if then is None:
            continue  # a new page: nothing to compare with until it is recorded
        field = "changes"
        if now.records < then.records:
            message = f"a change record was removed ({then.records} recorded, {now.records} now); records only grow"
        elif now.fingerprint != then.fingerprint and now.records == then.records:
            message = (
                f"content changed since its review of {reviewed.isoformat()}: add a change note and a new "
                "`reviewed` date (or a note with `correction: true` for a pure wording correction)"
            )
        else:
            continue
        where = "docs/_data/wijzigingen.yml" if key == GLOSSARY_KEY else f"docs/{key}"
        problems.append(Problem(where, field, message))
    return problems


# -- rules several kinds of page share ---------------------------------------------------------


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


def repeated(label: str, where: str, values: list[str]) -> list[Problem]:
    """A value listed twice in one list (a source, tag, role, related card): cited or shown twice."""
    return [
        Problem(label, f"{where}.{n}", f"'{value}' is listed twice; keep one")
        for n, value in enumerate(values)
        if value in values[:n]
    ]


def search_term_problems(label: str, prefix: str, terms: list[str], own_text: str) -> list[Problem]:
    """Search terms add what the page's own words do not say: a term listed twice, or one its title,
    summary (or a checklist's moment) already holds, is a term nobody reviewed for what it adds."""
    found = repeated(label, f"{prefix}.search_terms", terms)
    words = " " + " ".join(re.findall(r"[\w-]+", own_text.casefold())) + " "
    for n, term in enumerate(terms):
        if term not in terms[:n] and f" {term} " in words:
            message = f"'{term}' is already in the title or summary, so search finds it there; remove it"
            found.append(Problem(label, f"{prefix}.search_terms.{n}", message))
    return found


def term_key(term: str) -> str:
    """A glossary term as a reader sees it: Unicode compatibility form (NFKC: a decomposed ö, a no-break
    space), runs of whitespace as one space, case folded."""
    return " ".join(unicodedata.normalize("NFKC", term).split()).casefold()


def abbreviation_key(abbr: str) -> str:
    """An abbreviation as Python-Markdown's abbr extension matches it: a word, so a trailing + & or - is
    not part of it (MDA++ is defined as MDA)."""
    return abbr.rstrip("+&-")
