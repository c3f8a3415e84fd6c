"""Files written next to the built site: the machine-readable index and the QR codes.

Learning platforms and course builders link to cards for years; `cards.json` gives them every
card and checklist with its stable address, and its schema is versioned so they can rely on it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .handbook import Handbook
from .model import Card, Checklist
from .rendering import Renderer, qr_code, qr_path

#: Bump with every incompatible change to the shape of cards.json (and add a new schema file).
SCHEMA_VERSION = 1
SCHEMA_PATH = f"schema/cards-v{SCHEMA_VERSION}.schema.json"


def _entry(item: Card | Checklist, kind: str, path: str, renderer: Renderer, handbook: Handbook) -> dict[str, Any]:
    is_card = isinstance(item, Card)
    return {
        "id": item.id,
        "kind": kind,
        "code": item.code,
        "type": item.type if is_card else f"checklist:{item.kind}",
        "title": item.title,
        "summary": item.summary if is_card else item.purpose,
        "url": renderer.published_url(path),
        "short_url": renderer.short_url(item.code),
        "sources": list(item.sources) if is_card else handbook.checklist_sources(item),
        "tags": list(item.tags) if is_card else [],
        "related": [c.id for c in handbook.related_to(item)] if is_card else [],
        "checklists": [c.id for c in handbook.checklists_for(item)] if is_card else [],
        "items": [] if is_card else list(item.items),
        "reviewed": item.reviewed.isoformat(),
        "review_due": item.review_due.isoformat() if is_card else None,
    }


def card_index(handbook: Handbook, renderer: Renderer) -> dict[str, Any]:
    cards = [_entry(card, "card", handbook.paths[card.id], renderer, handbook) for card in handbook.ordered()]
    checklists = [
        _entry(c, "checklist", handbook.checklist_paths[c.id], renderer, handbook)
        for c in handbook.ordered_checklists()
    ]
    return {
        "$schema": SCHEMA_PATH,
        "schema_version": SCHEMA_VERSION,
        "site": renderer.site_url,
        "items": cards + checklists,
    }


def write_exports(site_dir: Path, handbook: Handbook, renderer: Renderer) -> None:
    index = card_index(handbook, renderer)
    (site_dir / "cards.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    for item in index["items"]:
        target = site_dir / qr_path(item["code"])
        target.parent.mkdir(parents=True, exist_ok=True)
        qr_code(item["short_url"]).save(str(target), kind="svg", scale=8, border=2, title=item["title"])
