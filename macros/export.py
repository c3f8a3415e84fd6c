"""Files written next to the built site: the machine-readable index, QR codes and redirect pages.

Learning platforms and course builders link to cards for years; `cards.json` gives them every
card, checklist and course pack with its stable address (all three built here, as entries with the
same fields), and its schema is versioned so they can rely on it.
Short links (k/<code>/) and pages that moved are redirect pages without inline script, so the
Content-Security-Policy stays the same however many there are. `scripts/build.py` calls this after
the pages are built, with any builder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .addresses import pack_pdf_path, page_url, qr_path, site_relative
from .handbook import Handbook
from .model import Card, Checklist, Pack
from .rendering import TEMPLATES, Renderer, qr_code

#: The script that keeps the #anchor when a redirect page sends the reader on.
REDIRECT_SCRIPT = "assets/javascripts/doorverwijzing.js"

_HTML = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)

#: Bump with every incompatible change to the shape of cards.json (and add a new schema file).
SCHEMA_VERSION = 1
SCHEMA_PATH = f"schema/cards-v{SCHEMA_VERSION}.schema.json"


def _entry(item: Card | Checklist, kind: str, path: str, renderer: Renderer, handbook: Handbook) -> dict[str, Any]:
    """One entry of cards.json; cards and checklists share its fields (in this order), each fills its own."""
    card = item if isinstance(item, Card) else None
    checklist = item if isinstance(item, Checklist) else None
    return {
        "id": item.id,
        "kind": kind,
        "code": item.code,
        "type": card.type if card else f"checklist:{checklist.kind if checklist else ''}",
        "title": item.title,
        "summary": card.summary if card else checklist.purpose if checklist else "",
        "url": renderer.published_url(path),
        "short_url": renderer.short_url(item.code),
        "sources": handbook.item_sources(item),
        "tags": list(card.tags) if card else [],
        "related": [c.id for c in handbook.related_to(card)] if card else [],
        "checklists": [c.id for c in handbook.checklists_for(card)] if card else [],
        "items": list(checklist.items) if checklist else [],
        "reviewed": item.reviewed.isoformat(),
        "review_due": card.review_due.isoformat() if card else None,
    }


def _pack_entry(pack: Pack, renderer: Renderer, handbook: Handbook) -> dict[str, Any]:
    """A course pack in cards.json: the fields every entry has, plus where the handout is and the goals.

    `items` names each item as `card/<id>` or `checklist/<id>`, in the pack's order.
    """
    return {
        "id": pack.id,
        "kind": "lespakket",
        "code": pack.code,
        "type": "lespakket",
        "title": pack.title,
        "summary": pack.summary,
        "url": renderer.published_url(handbook.pack_paths[pack.id]),
        "short_url": renderer.short_url(pack.code),
        "sources": handbook.pack_sources(pack),
        "tags": [],
        "related": [],
        "checklists": [resolved.target.id for resolved in handbook.resolve(pack) if resolved.checklist],
        "items": [f"{kind}/{item_id}" for kind, item_id in (item.ref for item in pack.items)],
        "reviewed": pack.reviewed.isoformat(),
        "review_due": None,
        "pdf": renderer.site_url + pack_pdf_path(pack.id),
        "audience": pack.audience,
        "duration": pack.duration,
        "goals": list(pack.goals),
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
        "items": cards + checklists + [_pack_entry(pack, renderer, handbook) for pack in handbook.ordered_packs()],
    }


def _title(handbook: Handbook, src_uri: str) -> str:
    item = handbook.item_for_page(src_uri)
    return f"{item.code} {item.title}" if item else "de nieuwe plek van deze pagina"


def write_redirects(site_dir: Path, handbook: Handbook, renderer: Renderer) -> None:
    """One redirect page per short link and per moved page."""
    template = _HTML.get_template("redirect.html.jinja")
    for old, new in handbook.short_links().items():
        here, there = page_url(old), page_url(new)
        target = site_relative(here, there) if there else site_relative(here, "./")
        page = template.render(
            title=_title(handbook, new),
            canonical=renderer.published_url(new),
            script=site_relative(here, REDIRECT_SCRIPT),
            target=target,
        )
        path = site_dir / here / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


def write_exports(site_dir: Path, handbook: Handbook, renderer: Renderer) -> None:
    """Everything the pages link to that is not a page: cards.json, QR codes, redirect pages."""
    write_redirects(site_dir, handbook, renderer)
    index = card_index(handbook, renderer)
    (site_dir / "cards.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    for item in index["items"]:
        target = site_dir / qr_path(item["code"])
        target.parent.mkdir(parents=True, exist_ok=True)
        qr_code(item["short_url"]).save(str(target), kind="svg", scale=8, border=2, title=item["title"])
