"""Werkkaarten macros: the glue between the card model and mkdocs-macros.

This is the only module that knows about MkDocs. Everything else (model, loading, the handbook
index, rendering) is plain Python, so a move to another generator that runs macros touches this
file only. Files written next to the pages (cards.json, QR codes, short links) come from
`scripts/build.py`, not from a build hook, so they do not depend on one builder's call order.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .errors import HandbookError, Problem
from .escaping import html_text
from .handbook import Handbook, build_date
from .navigation import expand_nav
from .preflight import check_macro_calls
from .rendering import Renderer

#: Not under "mkdocs.": these warnings are printed but do not fail a strict build (an old site
#: with cards past their review date must still build).
log = logging.getLogger("werkkaarten")

__all__ = ["define_env", "on_post_page_macros"]

#: Set by scripts/bench.py: where to write each page's Markdown after macros ran, so the benchmark
#: can build the very same Markdown with stock Material and compare.
DUMP_MARKDOWN = "WERKKAARTEN_DUMP_MARKDOWN"


def define_env(env: Any) -> None:
    """Load and validate every card and every macro call before any page renders."""
    docs_dir = Path(env.conf["docs_dir"])
    try:
        handbook = Handbook.from_disk(docs_dir)
        env.conf["nav"] = expand_nav(env.conf.get("nav"), handbook)
        _refuse_redirect_plugin(env.conf)
        renderer = Renderer(handbook, env.conf["site_url"] or "", env.conf["use_directory_urls"])
        problems = check_macro_calls(handbook.files, renderer.macros())
        if problems:
            raise HandbookError(problems)
    except HandbookError as error:
        raise PluginError(str(error)) from None
    env.variables["handbook"] = handbook
    env.variables["_werkkaarten_renderer"] = renderer
    _local_offline_shim(env.conf)
    _warn_overdue(handbook)

    for name, method in renderer.macros().items():
        env.macro(_page_macro(env, method), name)


def _page_macro(env: Any, render: Callable[..., str]) -> Callable[..., str]:
    """Offer a renderer method to pages: the page it runs on is passed first.

    preflight.py has checked every call already; should one still fail, the message names the page
    and the macro on one line instead of a traceback.
    """

    def call(*args: Any, **kwargs: Any) -> str:
        page = env.page.file.src_uri
        try:
            return render(page, *args, **kwargs)
        except HandbookError as error:
            raise PluginError(f"docs/{page}: {render.__name__}: {error.problems[0].message}") from None
        except Exception as error:
            raise PluginError(f"docs/{page}: {render.__name__}: {error}") from None

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
    offline = conf["plugins"].get("material/offline") or conf["plugins"].get("offline")
    if offline is not None and offline.config.enabled:
        conf["extra"]["polyfills"] = [OFFLINE_SHIM]


def _warn_overdue(handbook: Handbook) -> None:
    today = build_date()
    for card in handbook.ordered():
        if card.review_due < today:
            log.warning(
                "WARNING - werkkaarten: docs/%s (%s) is past its review date (%s)",
                handbook.paths[card.id],
                card.code,
                card.review_due.isoformat(),
            )


def on_post_page_macros(env: Any) -> None:
    """Wrap every card page in its generated header and footer, after the author's macros ran.

    mkdocs-macros calls this for every page; the card's own file holds only its body text, so
    title, code, sources, safety notes and cross-links are never written twice by hand. Every page
    also gets the glossary's abbreviations, so they show as hover text wherever they occur. The
    generated parts hold no macros, so they are added after rendering: the macros plugin then
    only compiles what the author wrote.

    The page title and description go into HTML that the theme prints without escaping them, so
    they are set as escaped HTML text (a title "Kinderen <6 jaar>" shows as written).
    """
    try:
        _wrap_page(env)
    except HandbookError as error:
        raise PluginError(f"docs/{env.page.file.src_uri}: {error.problems[0]}") from None
    _dump_for_benchmark(env)


def _wrap_page(env: Any) -> None:
    handbook: Handbook = env.variables["handbook"]
    renderer: Renderer = env.variables["_werkkaarten_renderer"]
    src_uri = env.page.file.src_uri
    card = handbook.card_for_page(src_uri)
    checklist = handbook.checklist_for_page(src_uri)
    parts = [env.markdown]
    if card is not None or checklist is not None:
        # Cards and checklists are not in the navigation: the left column would stay empty, so the
        # content takes its width (the contents list of a long card is in the card itself).
        env.page.meta.setdefault("hide", ["navigation"])
    if card is not None:
        parts = [renderer.card_header(src_uri, card), env.markdown, renderer.card_footer(src_uri, card)]
        # "kaart P1" in the title: search results and browser tabs tell a card from a checklist.
        env.page.meta.update(title=html_text(f"{card.title} · kaart {card.code}"), description=html_text(card.summary))
    elif checklist is not None:
        parts = [renderer.checklist_page(src_uri, checklist, env.markdown)]
        # A checklist repeats lines of its cards: in search the card, where the line is explained, comes first.
        env.page.meta.setdefault("search", {"boost": 0.2})
        env.page.meta.update(
            title=html_text(f"{checklist.title} · checklist {checklist.code}"),
            description=html_text(checklist.purpose),
        )
    env.markdown = "\n".join([*parts, renderer.abbreviations(src_uri)])


def _dump_for_benchmark(env: Any) -> None:
    """Only for the benchmark: keep the final Markdown of each page."""
    target = os.environ.get(DUMP_MARKDOWN)
    if target:
        path = Path(target) / env.page.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.markdown, encoding="utf-8")
