"""Werkkaarten macros: the glue between the card model and mkdocs-macros.

This is the only module that knows about MkDocs. Everything else (model, loading, the handbook
index, rendering) is plain Python, so a move to another generator that runs macros touches this
file only.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .errors import HandbookError, Problem
from .export import write_exports
from .handbook import Handbook
from .navigation import expand_nav
from .rendering import Renderer, short_link_path

#: Not under "mkdocs.": these warnings are printed but do not fail a strict build (an old site
#: with cards past their review date must still build).
log = logging.getLogger("werkkaarten")

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]

#: Set by scripts/bench.py: where to write each page's Markdown after macros ran, so the benchmark
#: can build the very same Markdown with stock Material and compare.
DUMP_MARKDOWN = "WERKKAARTEN_DUMP_MARKDOWN"


def define_env(env: Any) -> None:
    """Load and validate every card before any page renders, then offer the macros to pages."""
    docs_dir = Path(env.conf["docs_dir"])
    try:
        handbook = Handbook.from_disk(docs_dir)
        env.conf["nav"] = expand_nav(env.conf.get("nav"), handbook)
        _add_short_links(env.conf, handbook)
    except HandbookError as error:
        raise PluginError(str(error)) from None
    renderer = Renderer(handbook, env.conf["site_url"] or "", env.conf["use_directory_urls"])
    env.variables["handbook"] = handbook
    env.variables["_werkkaarten_renderer"] = renderer
    _local_offline_shim(env.conf)
    _warn_overdue(handbook)

    def here() -> str:
        return env.page.file.src_uri

    def page_macro(render: Any) -> Any:
        """Offer a renderer method to pages: the page it runs on is passed first, and an error
        names that page before it stops the build."""

        def call(*args: Any, **kwargs: Any) -> str:
            try:
                return render(here(), *args, **kwargs)
            except HandbookError as error:
                raise PluginError(f"docs/{here()}: {error}") from None

        call.__name__ = render.__name__
        call.__doc__ = render.__doc__
        return call

    for method in (
        renderer.card_link,
        renderer.card_grid,
        renderer.sources_list,
        renderer.family_grid,
        renderer.role_sections,
        renderer.role_links,
        renderer.checklist_grid,
        renderer.trainer_table,
        renderer.changes,
        renderer.glossary,
        renderer.site_file,
    ):
        env.macro(page_macro(method))


def _add_short_links(conf: Any, handbook: Handbook) -> None:
    """Short links (k/p3/) become redirects, written by the mkdocs-redirects plugin.

    The redirects configured by hand in mkdocs.yml (pages that moved) are kept; short links are
    added from the data, so they are never listed twice.
    """
    plugin = conf["plugins"].get("redirects")
    if plugin is None:
        raise HandbookError([Problem("mkdocs.yml", "plugins", "the redirects plugin is needed for short links")])
    maps = plugin.config["redirect_maps"]
    targets = [(c.code, handbook.paths[c.id]) for c in handbook.ordered()]
    targets += [(c.code, handbook.checklist_paths[c.id]) for c in handbook.ordered_checklists()]
    for code, path in targets:
        maps[short_link_path(code).rstrip("/") + ".md"] = path


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
    today = date.today()
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
    """
    handbook: Handbook = env.variables["handbook"]
    renderer: Renderer = env.variables["_werkkaarten_renderer"]
    src_uri = env.page.file.src_uri
    card = handbook.card_for_page(src_uri)
    checklist = handbook.checklist_for_page(src_uri)
    parts = [env.markdown]
    if card is not None:
        parts = [renderer.card_header(src_uri, card), env.markdown, renderer.card_footer(src_uri, card)]
        env.page.meta.update(title=f"{card.title} ({card.code})", description=card.summary)
    elif checklist is not None:
        parts = [renderer.checklist_page(src_uri, checklist, env.markdown)]
        env.page.meta.update(title=f"{checklist.title} ({checklist.code})", description=checklist.purpose)
    env.markdown = "\n".join([*parts, renderer.abbreviations(src_uri)])
    _dump_for_benchmark(env)


def _dump_for_benchmark(env: Any) -> None:
    """Only for the benchmark: keep the final Markdown of each page."""
    target = os.environ.get(DUMP_MARKDOWN)
    if target:
        path = Path(target) / env.page.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.markdown, encoding="utf-8")


def on_post_build(env: Any) -> None:
    """Write cards.json and the QR codes next to the built pages."""
    write_exports(Path(env.conf["site_dir"]), env.variables["handbook"], env.variables["_werkkaarten_renderer"])
