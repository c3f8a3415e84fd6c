"""No silent edits: what a card, checklist, pack or the glossary says cannot change without a record.

Trainers cite a page by its date ("Inhoud van …") and read "Wat is er veranderd" to learn what moved
since they wrote a course. So every page's content has a fingerprint, recorded in
docs/_data/vastgelegd.yml together with how many change records the page had then. When the
content no longer matches and no record was added, the build stops and says what to do (that check,
`unrecorded`, is in validation.py with the other rules; this module says what is recorded). With a new
record it builds; `make vastleggen` then records the new state (a test fails while a record is
missing from the lock, so the next edit cannot ride on an old record).

The fingerprint covers what a reader reads: title, summary, sources, checks, cautions, body, a
checklist's items as printed, a course pack's items as its handout prints them; not the review date,
the records themselves, nor navigation data (tags, related cards, roles, questions, search terms), which
change where a page sits or how it is found, not what it says.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from .handout import HandoutItem, handout_item
from .model import Recorded

if TYPE_CHECKING:
    from .handbook import Handbook

#: The lock's key for the glossary, and the page its records name in docs/_data/wijzigingen.yml.
GLOSSARY_KEY = "_data/begrippen.yml"
GLOSSARY_PAGE = "over/begrippen.md"
#: Fields that say where a page sits or when it was reviewed, not what it says.
_NOT_CONTENT = {"reviewed", "next_review", "changes", "tags", "related", "roles", "questions", "search_terms"}


def _digest(*parts: object) -> str:
    """Whitespace is layout: a reflowed paragraph or an extra blank line says nothing new."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(re.sub(r"(?:\s|\\n)+", " ", text).encode("utf-8")).hexdigest()


#: Fields of a handout item that say how it is laid out, not what it says (a checklist's kind and
#: numbering, each point's provenance, which checklist repeats a list); an empty case text is absent.
_LAYOUT = {"checklist_kind", "ordered"}
_GROUP_LAYOUT = {"origins", "same_as"}


def _printed(item: HandoutItem) -> dict[str, object]:
    printed = {key: value for key, value in dataclasses.asdict(item).items() if key not in _LAYOUT}
    printed["groups"] = [{k: v for k, v in group.items() if k not in _GROUP_LAYOUT} for group in printed["groups"]]
    if not printed["case"]:
        del printed["case"]
    return printed


def content_states(handbook: Handbook) -> Iterator[tuple[str, date, Recorded]]:
    """Every recorded page: its key, the date a reader sees on it, and its content as recorded now."""
    for card_id, path in handbook.paths.items():
        card = handbook.cards[card_id]
        content = card.model_dump(mode="json", exclude=_NOT_CONTENT)
        fingerprint = _digest(content, handbook.files[path].body)
        yield path, card.reviewed, Recorded(fingerprint=fingerprint, records=len(card.changes))
    for checklist_id, path in handbook.checklist_paths.items():
        checklist = handbook.checklists[checklist_id]
        content = checklist.model_dump(mode="json", exclude=_NOT_CONTENT)
        printed = [(check.text, check.sources) for _, check in handbook.checklist_items(checklist)]
        fingerprint = _digest(content, printed, handbook.files[path].body)
        yield path, checklist.reviewed, Recorded(fingerprint=fingerprint, records=len(checklist.changes))
    for pack_id, path in handbook.pack_paths.items():
        pack = handbook.packs[pack_id]
        content = pack.model_dump(mode="json", exclude=_NOT_CONTENT)
        # The handout prints its items: when one of them changes, so does what the pack's date stands for.
        handout = [_printed(handout_item(handbook, item.target)) for item in handbook.resolve(pack)]
        fingerprint = _digest(content, handout, handbook.files[path].body)
        yield path, pack.reviewed, Recorded(fingerprint=fingerprint, records=len(pack.changes))
    glossary = [term.model_dump(mode="json") for term in handbook.glossary]
    dates = [change.date for change in handbook.changelog.changes if change.page == GLOSSARY_PAGE]
    newest = max([handbook.changelog.first_edition, *dates])
    yield GLOSSARY_KEY, newest, Recorded(fingerprint=_digest(glossary), records=len(dates))


def current(handbook: Handbook) -> dict[str, Recorded]:
    """Every page's content fingerprint and number of change records, as the docs are now."""
    return dict(sorted((key, now) for key, _, now in content_states(handbook)))


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
