"""Files written next to the built site: the machine-readable index, QR codes and redirect pages.

Learning platforms and course builders link to cards for years; `cards.json` gives them every
card and checklist with its stable address, and its schema is versioned so they can rely on it.
Short links (k/<code>/) and pages that moved are redirect pages without inline script, so the
Content-Security-Policy stays the same however many there are. `scripts/build.py` calls this after
the pages are built, with any builder.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .handbook import Handbook
from .model import Card, Checklist
from .packs import item_sources, pack_entries, pack_for_page
from .rendering import TEMPLATES, Renderer, page_url, qr_code, qr_path

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
        "sources": item_sources(handbook, item),
        "tags": list(card.tags) if card else [],
        "related": [c.id for c in handbook.related_to(card)] if card else [],
        "checklists": [c.id for c in handbook.checklists_for(card)] if card else [],
        "items": list(checklist.items) if checklist else [],
        "reviewed": item.reviewed.isoformat(),
        "review_due": card.review_due.isoformat() if card else None,
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
        "items": cards + checklists + pack_entries(handbook, renderer),
    }


def _relative(from_page: str, to_path: str) -> str:
    """A link from a page address (x/y/) to a site path, as a browser resolves it."""
    link = posixpath.relpath(to_path or ".", from_page.rstrip("/") or ".")
    return link + "/" if to_path.endswith("/") and not link.endswith("/") else link


def _title(handbook: Handbook, src_uri: str) -> str:
    card = handbook.card_for_page(src_uri)
    item = card or handbook.checklist_for_page(src_uri) or pack_for_page(handbook, src_uri)
    return f"{item.code} {item.title}" if item else "de nieuwe plek van deze pagina"


def write_redirects(site_dir: Path, handbook: Handbook, renderer: Renderer) -> int:
    """One redirect page per short link and per moved page; returns how many were written."""
    template = _HTML.get_template("redirect.html.jinja")
    links = handbook.short_links()
    for old, new in links.items():
        here, there = page_url(old), page_url(new)
        target = _relative(here, there) if there else _relative(here, "./")
        page = template.render(
            title=_title(handbook, new),
            canonical=renderer.published_url(new),
            script=_relative(here, REDIRECT_SCRIPT),
            target=target,
        )
        path = site_dir / here / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    return len(links)


def write_exports(site_dir: Path, handbook: Handbook, renderer: Renderer) -> None:
    """Everything the pages link to that is not a page: cards.json, QR codes, redirect pages."""
    write_redirects(site_dir, handbook, renderer)
    index = card_index(handbook, renderer)
    (site_dir / "cards.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    for item in index["items"]:
        target = site_dir / qr_path(item["code"])
        target.parent.mkdir(parents=True, exist_ok=True)
        qr_code(item["short_url"]).save(str(target), kind="svg", scale=8, border=2, title=item["title"])
