"""No silent edits: what a card, checklist, pack or the glossary says cannot change without a record.

Trainers cite a page by its date ("Inhoud van …") and read "Wat is er veranderd" to learn what moved
since they wrote a course. So every page's content has a fingerprint, recorded in
docs/_data/vastgelegd.yml together with how many change records the page had then. When the
content no longer matches and no record was added, the build stops and says what to do. With a new
record it builds; `make vastleggen` then records the new state (a test fails while a record is
missing from the lock, so the next edit cannot ride on an old record).

The fingerprint covers what a reader reads: title, summary, sources, checks, cautions, body, a
checklist's items as printed, a course pack's items as its handout prints them; not the review date,
the records themselves, nor navigation data (tags, related cards, roles, questions), which change
where a page sits, not what it says.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from typing import TYPE_CHECKING

from .errors import Problem
from .model import Card, Checklist, Recorded
from .packs import handout_item, resolve

if TYPE_CHECKING:
    from .handbook import Handbook

#: The lock's key for the glossary, and the page its records name in docs/_data/wijzigingen.yml.
GLOSSARY_KEY = "_data/begrippen.yml"
GLOSSARY_PAGE = "over/begrippen.md"
#: Fields that say where a page sits or when it was reviewed, not what it says.
_NOT_CONTENT = {"reviewed", "next_review", "changes", "tags", "related", "roles", "questions"}


def _digest(*parts: object) -> str:
    """Whitespace is layout: a reflowed paragraph or an extra blank line says nothing new."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(re.sub(r"(?:\s|\\n)+", " ", text).encode("utf-8")).hexdigest()


def current(handbook: Handbook) -> dict[str, Recorded]:
    """Every page's content fingerprint and number of change records, as the docs are now."""
    found: dict[str, Recorded] = {}
    for card_id, path in handbook.paths.items():
        card = handbook.cards[card_id]
        content = card.model_dump(mode="json", exclude=_NOT_CONTENT)
        found[path] = Recorded(fingerprint=_digest(content, handbook.files[path].body), records=len(card.changes))
    for checklist_id, path in handbook.checklist_paths.items():
        checklist = handbook.checklists[checklist_id]
        content = checklist.model_dump(mode="json", exclude=_NOT_CONTENT)
        printed = [(check.text, check.sources) for _, check in handbook.checklist_items(checklist)]
        fingerprint = _digest(content, printed, handbook.files[path].body)
        found[path] = Recorded(fingerprint=fingerprint, records=len(checklist.changes))
    for pack_id, path in handbook.pack_paths.items():
        pack = handbook.packs[pack_id]
        content = pack.model_dump(mode="json", exclude=_NOT_CONTENT)
        # The handout prints its items: when one of them changes, so does what the pack's date stands for.
        printed = [dataclasses.asdict(handout_item(handbook, entry.thing)) for entry in resolve(handbook, pack)]
        fingerprint = _digest(content, printed, handbook.files[path].body)
        found[path] = Recorded(fingerprint=fingerprint, records=len(pack.changes))
    glossary = [term.model_dump(mode="json") for term in handbook.glossary]
    glossary_records = sum(1 for change in handbook.changelog.changes if change.page == GLOSSARY_PAGE)
    found[GLOSSARY_KEY] = Recorded(fingerprint=_digest(glossary), records=glossary_records)
    return dict(sorted(found.items()))


def _reviewed(handbook: Handbook, key: str) -> str:
    """The date a reader sees on the page, for the message."""
    for things, paths in (
        (handbook.cards, handbook.paths),
        (handbook.checklists, handbook.checklist_paths),
        (handbook.packs, handbook.pack_paths),
    ):
        for thing_id, path in paths.items():
            if path == key:
                thing: Card | Checklist = things[thing_id]  # type: ignore[assignment]
                return thing.reviewed.isoformat()
    dates = [c.date for c in handbook.changelog.changes if c.page == GLOSSARY_PAGE]
    return max([handbook.changelog.first_edition, *dates]).isoformat()


def unrecorded(handbook: Handbook) -> list[Problem]:
    """Pages whose content changed since it was recorded, without a new change record: build errors."""
    problems: list[Problem] = []
    for key, now in current(handbook).items():
        then = handbook.lock.recorded.get(key)
        if then is None:
            continue  # a new page: nothing to compare with until it is recorded
        field = "changes"
        if now.records < then.records:
            message = f"a change record was removed ({then.records} recorded, {now.records} now); records only grow"
        elif now.fingerprint != then.fingerprint and now.records == then.records:
            message = (
                f"content changed since its review of {_reviewed(handbook, key)}: add a change note and a new "
                "`reviewed` date (or a note with `correction: true` for a pure wording correction)"
            )
        else:
            continue
        where = "docs/_data/wijzigingen.yml" if key == GLOSSARY_KEY else f"docs/{key}"
        problems.append(Problem(where, field, message))
    return problems


def stale(handbook: Handbook) -> list[str]:
    """Pages whose recorded state is not the current one (new, changed with a record, or gone)."""
    now = current(handbook)
    recorded = handbook.lock.recorded
    return sorted(key for key in now.keys() | recorded.keys() if now.get(key) != recorded.get(key))


def lock_text(handbook: Handbook) -> str:
    """The lock file for the current state (scripts/content_lock.py writes it)."""
    lines = [
        "# Vastgelegde inhoud: per pagina een vingerafdruk van wat er staat en het aantal wijzigingsnotities.",
        "# Gemaakt door `make vastleggen`; niet met de hand bewerken (zie over/redactie.md, Wijzigingen).",
        "recorded:",
    ]
    for key, entry in current(handbook).items():
        lines.append(f"  {key}: {{fingerprint: {entry.fingerprint}, records: {entry.records}}}")
    return "\n".join(lines) + "\n"
