"""What a built site holds: which files are pages a reader reads, and which are redirect pages.

The scripts and the tests read the built site in many places (benchmark, comparisons, spelling,
the browser sweep); each asks the same two questions, so they are answered here once.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Folders of the theme's own files and of the short links (k/<code>/, all redirects).
NOT_READER_PAGES = ("assets/", "search/", "k/")
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
