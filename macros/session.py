"""One validated handbook per content state, however often a builder asks for it.

MkDocs calls `define_env` once per build; Zensical once per page, re-running `macros/__init__.py`
each time. This module is imported normally (and so kept in `sys.modules`), so its cache lives
across those calls: the cards are read and every macro call checked once, not once per page.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from .edition import UNSET, Edition, build_date
from .errors import HandbookError
from .handbook import Handbook
from .preflight import check_macro_calls
from .rendering import Renderer
from .validation import load_handbook

#: Not under "mkdocs.": these warnings are printed but do not fail a strict build (an old site
#: with cards past their review date must still build).
log = logging.getLogger("werkkaarten")

Fingerprint = tuple[tuple[str, int, int], ...]


#: The configuration object of the build in progress and what was validated for it. Zensical hands
#: the same configuration to every page of one build, so the file listing below runs once per
#: build, not once per page (at 800 pages that listing would cost more than the build itself).
_current: tuple[object, tuple[Handbook, Renderer]] | None = None


def validated(
    conf: object,
    docs_dir: Path,
    site_url: str,
    directory_urls: bool,
    rewrites_links: bool,
    edition: Edition = UNSET,
) -> tuple[Handbook, Renderer]:
    """The handbook and its renderer, read and checked once for this state of docs/.

    The key includes every file's size and modification time, so a rebuild by `mkdocs serve` (a
    new configuration each time) sees an edit at once, and a build never reuses another docs
    folder's handbook.
    """
    global _current
    if _current is not None and _current[0] is conf:
        return _current[1]
    fingerprint = tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path in sorted(docs_dir.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )
    result = _validated_once(docs_dir, site_url, directory_urls, rewrites_links, edition, fingerprint)
    _current = (conf, result)
    return result


@lru_cache(maxsize=4)
def _validated_once(
    docs_dir: Path,
    site_url: str,
    directory_urls: bool,
    rewrites_links: bool,
    edition: Edition,
    fingerprint: Fingerprint,
) -> tuple[Handbook, Renderer]:
    handbook = load_handbook(docs_dir)
    renderer = Renderer(handbook, site_url, directory_urls, rewrites_links, edition)
    problems = check_macro_calls(handbook.files, renderer.macros())
    if problems:
        raise HandbookError(problems)
    _warn_overdue(handbook)
    return handbook, renderer


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
