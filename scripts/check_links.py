"""Every same-site link in the built site leads to a file, and every #fragment to an element there.

MkDocs checks the links an author writes in Markdown; it does not check links in generated HTML
(cards' headers and footers, grids, checklists, redirect pages), and Zensical reports nothing
over a broken link. This step runs on the finished site whatever built it, so a broken link stops
`make build` with either builder, naming the page and the link. The test suite also runs
LinkChecker over a served copy (tests/test_links.py); this pass is the fast one the build can
afford on every run (about a second for the whole handbook).

Usage: python scripts/check_links.py --site site
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.project import site_url  # noqa: E402

#: Any host will do: links are resolved against it and it is taken off again. The path is the published
#: one (from site_url), so a root-relative link (`/jeugd/werkkaarten/over/`) resolves as a reader's does,
#: and a relative link that climbs above it leaves the site.
HOST = "https://site.invalid"
#: Attributes that load or lead somewhere (srcset and CSS url() hold nothing of ours that moves).
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


def page_address(site: Path, file: Path) -> str:
    """The address of a built file below the site root: 'x/' for x/index.html, else its path."""
    relative = file.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if file.name == "index.html" else relative


def _target_file(site: Path, path: str) -> Path:
    if path == "" or path.endswith("/") or (site / path).is_dir():
        path = path.rstrip("/") + "/index.html" if path else "index.html"
    return site / path


def links(file: Path) -> Iterator[str]:
    tree = lxml.html.parse(str(file))
    for tag, attribute in LINK_ATTRIBUTES.items():
        for element in tree.iter(tag):
            value = element.get(attribute)
            if value:
                yield value


def broken_links(site: Path, skip: tuple[str, ...] = (), site_path: str = "/werkkaarten/") -> tuple[list[str], int]:
    """Every broken same-site link as 'page: link: why', and how many links were checked.

    `skip`: folders not built this time (`pdf/` in a build without PDFs). `site_path`: the path the site
    is published under (`/` at the root of a domain).
    """
    base = HOST + "/" + site_path.strip("/") + "/" if site_path.strip("/") else HOST + "/"

    @cache
    def ids(file: Path) -> frozenset[str]:
        return frozenset(lxml.html.parse(str(file)).xpath("//@id"))

    broken: list[str] = []
    checked = 0
    base_path = unquote(urlsplit(base).path)
    for file in sorted(site.rglob("*.html")):
        here = page_address(site, file)
        for link in links(file):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # other hosts: listed by scripts/external_links.py; mailto: and the like
            resolved = urljoin(base + here, link)
            if not resolved.startswith(base) and resolved.rstrip("/") + "/" != base:
                broken.append(f"{here}: {link}: leads outside the site")
                continue
            target_parts = urlsplit(resolved)
            path = unquote(target_parts.path).removeprefix(base_path)
            if path.startswith(skip):
                continue
            target = _target_file(site, path)
            fragment = unquote(target_parts.fragment)
            checked += 1
            if not target.is_file():
                broken.append(f"{here}: {link}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                broken.append(f"{here}: {link}: no element with id '{fragment}'")
    return broken, checked


def check_site(site: Path, project: Path, skip: tuple[str, ...] = ()) -> str:
    """The build's step (scripts/build.py runs it in its own process): a summary line, or SystemExit
    naming every broken link."""
    broken, checked = broken_links(site, skip, urlsplit(site_url(project)).path)
    if broken:
        shown = "\n".join(f"  - {line}" for line in broken[:30])
        more = f"\n  … and {len(broken) - 30} more" if len(broken) > 30 else ""
        raise SystemExit(f"Werkkaarten: {len(broken)} broken link(s) in the built site:\n{shown}{more}")
    return f"links: {checked} same-site links lead to a file and an existing anchor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--skip", action="append", default=[], help="a folder not built this time (pdf/)")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project whose site_url gives the path")
    args = parser.parse_args()
    print(check_site(args.site, args.project, tuple(args.skip)))


if __name__ == "__main__":
    main()
