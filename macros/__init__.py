"""Werkkaarten macros: the glue between the card model and a builder that runs macros.

This is the only module that knows about builders. Everything else (model, loading, the handbook
index, rendering) is plain Python. Two builders run it: MkDocs with mkdocs-macros (the default)
and Zensical, whose own macros extension reads the same `mkdocs.yml` settings. Only what both do
is used here: `define_env(env)` with `env.conf`, `env.page`, `env.macro` and `env.filter`, and
Jinja extensions listed in `j2_extensions` (see jinja_page.py for how cards get their header and
footer). Zensical calls `define_env` once per page, so the validated handbook is cached.

Files written next to the pages (cards.json, QR codes, short links) come from `scripts/build.py`,
not from a build hook, so they do not depend on one builder's call order.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .edition import Edition
from .errors import HandbookError, Problem
from .escaping import html_text
from .handbook import Handbook
from .jinja_page import PAGE_FILTER
from .navigation import editors_guide_path, expand_nav, search_ways_on
from .rendering import Renderer, dutch_date
from .session import validated

try:  # MkDocs prints a PluginError as one line; Zensical stops on any exception.
    from mkdocs.exceptions import PluginError as StopBuild
except ImportError:  # pragma: no cover - only without MkDocs (a Zensical-only install)

    class StopBuild(Exception):  # type: ignore[no-redef]
        """The build stops with this one-line message."""


__all__ = ["define_env"]

#: Set by scripts/bench.py: where to write each page's Markdown after macros ran, so the benchmark
#: can build the very same Markdown with stock Material and compare.
DUMP_MARKDOWN = "WERKKAARTEN_DUMP_MARKDOWN"


def define_env(env: Any) -> None:
    """Load and validate every card and every macro call before any page renders."""
    conf = env.conf
    try:
        # Zensical rewrites every relative link as relative to the Markdown file; MkDocs only
        # those to files it knows (see Renderer.site_file).
        docs_dir = Path(conf["docs_dir"]).resolve()
        edition = Edition.from_settings((conf.get("extra") or {}).get("uitgave"))
        handbook, renderer = validated(
            conf, docs_dir, conf["site_url"] or "", _directory_urls(conf), not _is_mkdocs(conf), edition
        )
        # For the theme's search panel (overrides/partials/search.html): where to go when nothing is found.
        conf["extra"]["zoeken_verder"] = search_ways_on(handbook)
        # For the footer of every page (overrides/partials/copyright.html).
        conf["extra"]["redactie"] = editors_guide_path(handbook, _directory_urls(conf))
        # The date of this edition, in the footer of every page (overrides/partials/copyright.html).
        conf["extra"]["editie"] = dutch_date(handbook.edition_date())
        if _is_mkdocs(conf):
            # MkDocs builds the navigation after this; Zensical has built it before any Python runs.
            conf["nav"] = expand_nav(conf.get("nav"), handbook)
            _refuse_redirect_plugin(conf)
            _local_offline_shim(conf)
    except HandbookError as error:
        raise StopBuild(str(error)) from None

    for name, method in renderer.macros().items():
        env.macro(_page_macro(env, method), name)
    env.filter(_page_filter(env, handbook, renderer), PAGE_FILTER)


def _is_mkdocs(conf: Any) -> bool:
    """MkDocs hands over its config object; Zensical a plain dict."""
    return not isinstance(conf, dict)


def _directory_urls(conf: Any) -> bool:
    """Whether pages are written as `x/index.html`. Material's offline plugin switches to `x.html`
    only after this runs, so its being enabled counts too: links to PDFs, QR codes and cards.json
    must then be computed for `x.html` pages, or they leave the offline edition."""
    if _offline_plugin(conf) is not None:
        return False
    value = conf.get("use_directory_urls")
    return True if value is None else bool(value)


def _offline_plugin(conf: Any) -> Any:
    """Material's offline plugin when this build is the offline edition (WERKKAARTEN_OFFLINE), else None."""
    if not _is_mkdocs(conf):
        return None
    offline = conf["plugins"].get("material/offline") or conf["plugins"].get("offline")
    return offline if offline is not None and offline.config.enabled else None


def page_path(env: Any) -> str:
    """The page's source path relative to docs/: `page.file.src_uri` in MkDocs, `page.path` in Zensical."""
    page = env.page
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else str(page.path)


def _page_macro(env: Any, render: Callable[..., str]) -> Callable[..., str]:
    """Offer a renderer method to pages: the page it runs on is passed first.

    preflight.py has checked every call already; should one still fail, the message names the page
    and the macro on one line instead of a traceback.
    """

    def call(*args: Any, **kwargs: Any) -> str:
        page = page_path(env)
        try:
            return render(page, *args, **kwargs)
        except HandbookError as error:
            raise StopBuild(f"docs/{page}: {render.__name__}: {error.problems[0].message}") from None
        except Exception as error:
            raise StopBuild(f"docs/{page}: {render.__name__}: {error}") from None

    call.__name__ = render.__name__
    call.__doc__ = render.__doc__
    return call


def _refuse_redirect_plugin(conf: Any) -> None:
    """Redirects (short links, moved pages) are written by scripts/build.py from the data, without
    an inline script; a redirects plugin would add pages the security policy refuses."""
    if "redirects" in conf["plugins"]:
        message = "remove the redirects plugin; list moved pages in docs/_data/verhuisd.yml"
        raise HandbookError([Problem("mkdocs.yml", "plugins.redirects", message)])


#: Where `make offline` puts the iframe-worker shim (from npm) that lets search run from file://.
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"


def _local_offline_shim(conf: Any) -> None:
    """Material's offline plugin loads its search shim from unpkg.com unless one is configured.

    Readers work on sensitive cases and training rooms may have no internet, so the offline
    edition loads the shim from its own files instead. Runs before the offline plugin's
    on_config because the macros plugin is listed first.
    """
    if _offline_plugin(conf) is not None:
        conf["extra"]["polyfills"] = [OFFLINE_SHIM]


def _page_filter(env: Any, handbook: Handbook, renderer: Renderer) -> Callable[[str], str]:
    """Wrap a page's rendered text in its generated header and footer (see jinja_page.py).

    The card's own file holds only its body text, so title, code, sources, safety notes and
    cross-links are never written twice by hand. Every page also gets the glossary's
    abbreviations, so they show as hover text wherever they occur. The generated parts hold no
    macros, so they are added to the rendered text: only what the author wrote is compiled.

    The page title and description go into HTML that the theme prints without escaping them, so
    they are set as escaped HTML text (a title "Kinderen <6 jaar>" shows as written).
    """

    def wrap(text: str) -> str:
        src_uri = page_path(env)
        try:
            markdown = _wrap_page(env.page, src_uri, str(text), handbook, renderer)
        except HandbookError as error:
            raise StopBuild(f"docs/{src_uri}: {error.problems[0]}") from None
        _dump_for_benchmark(src_uri, markdown)
        return markdown

    wrap.__name__ = PAGE_FILTER
    return wrap


def _wrap_page(page: Any, src_uri: str, text: str, handbook: Handbook, renderer: Renderer) -> str:
    card = handbook.card_for_page(src_uri)
    checklist = handbook.checklist_for_page(src_uri)
    pack = handbook.pack_for_page(src_uri)
    parts = [text]
    if card is not None or checklist is not None or pack is not None:
        # Cards and checklists are not in the navigation: the left column would stay empty, so the
        # content takes its width (the contents list of a long card is in the card itself).
        page.meta.setdefault("hide", ["navigation"])
    if card is not None:
        parts = [renderer.card_header(src_uri, card), text, renderer.card_footer(src_uri, card)]
        # "kaart P1" in the title: search results and browser tabs tell a card from a checklist.
        page.meta.update(title=html_text(f"{card.title} · kaart {card.code}"), description=html_text(card.summary))
    elif pack is not None:
        parts = [renderer.pack_page(src_uri, pack, text)]  # a course pack: page and handout (macros/handout.py)
        page.meta.setdefault("search", {"exclude": True})  # it repeats its cards' text: search finds the cards
        page.meta.update(title=html_text(f"{pack.title} · lespakket {pack.code}"), description=html_text(pack.summary))
    elif checklist is not None:
        parts = [renderer.checklist_page(src_uri, checklist, text)]
        # A checklist repeats lines of its cards: in search the card, where the line is explained, comes first.
        page.meta.setdefault("search", {"boost": 0.2})
        page.meta.update(
            title=html_text(f"{checklist.title} · checklist {checklist.code}"),
            description=html_text(checklist.purpose),
        )
    return "\n".join([*parts, renderer.abbreviations(src_uri)])


def _dump_for_benchmark(src_uri: str, markdown: str) -> None:
    """Only for the benchmark: keep the final Markdown of each page."""
    target = os.environ.get(DUMP_MARKDOWN)
    if target:
        path = Path(target) / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
