"""What a built site holds: which files are pages a reader reads, and which are redirect pages.

The scripts and the tests read the built site in many places (benchmark, comparisons, spelling,
the browser sweep); each asks the same questions, so they are answered here once.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

#: Folders of the theme's and the search's own files, and of the short links (k/<code>/, all redirects).
NOT_READER_PAGES = ("assets/", "search/", "pagefind/", "k/")
#: How a redirect page is written (macros/templates/redirect.html.jinja): a refresh in its head.
_REFRESH = re.compile(r"<meta\s+http-equiv=\"refresh\"", re.IGNORECASE)
#: The head of a page, where a redirect page's refresh stands.
_HEAD_BYTES = 2000


def is_redirect(page: Path) -> bool:
    """A short link or a page that moved: a page that only sends the reader on."""
    with page.open(encoding="utf-8") as file:
        return bool(_REFRESH.search(file.read(_HEAD_BYTES)))


def reader_pages(site: Path) -> list[Path]:
    """Every page a reader reads (each `index.html` that is not theme, short link or redirect), in order."""
    return [
        page
        for page in sorted(site.rglob("index.html"))
        if not page.relative_to(site).as_posix().startswith(NOT_READER_PAGES) and not is_redirect(page)
    ]


def page_path(site: Path, page: Path) -> str:
    """A page's address below the site root, as the reader's browser shows it ('' for the home page)."""
    folder = page.parent.relative_to(site).as_posix()
    return "" if folder == "." else f"{folder}/"


def search_records(site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's record of each page in the search index, by the page's id (its fragment's file name):
    `url` (from the site root, with a leading slash), `meta` (the title), `content` (the indexed text)."""
    records = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        # A fragment is gzip, then a fixed marker, then the record as JSON.
        records[fragment.stem] = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
    return records
