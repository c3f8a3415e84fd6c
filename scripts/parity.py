"""Compare two builds of the handbook: what a reader gets must not depend on the builder.

MkDocs with Material is the default builder; Zensical is the one we may move to (Material's end
of life is 5 May 2027). This compares what the handbook itself makes, not the theme around it:

- the same pages, and on each page the same article text, the same links and the same heading ids;
- the same files written next to the pages: short links and moved pages (redirects), `cards.json`
  and QR codes, byte for byte.

Theme differences (navigation, search, labels, colours) are not compared here; README.md lists them.

Usage: python scripts/parity.py SITE_A SITE_B
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import lxml.html

#: Files next to the pages that come from our data; they must be identical.
EXPORTS = ("cards.json",)
EXPORT_FOLDERS = ("qr", "k")
#: Folders of the theme's own files, not pages of the handbook.
THEME_FOLDERS = ("assets", "search", "stylesheets", "javascripts")
#: Runs of whitespace, compared as one space (the builders wrap text differently).
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    text: str
    links: tuple[str, ...]
    heading_ids: tuple[str, ...]


def pages(site: Path) -> set[str]:
    """Every HTML page of the handbook, as a path below the site root (redirect pages included)."""
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.relative_to(site).parts[0] not in THEME_FOLDERS
    }


def article(file: Path) -> Article | None:
    """The article of a page: its text (whitespace folded), its links and its headings' ids."""
    tree = lxml.html.parse(str(file))
    found = tree.xpath("//article")
    if not found:
        return None
    node = found[0]
    for permalink in node.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        permalink.getparent().remove(permalink)
    text = _SPACE.sub(" ", node.text_content()).strip()
    links = tuple(a.get("href") for a in node.iter("a") if a.get("href"))
    ids = tuple(h.get("id") for h in node.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6") if h.get("id"))
    return Article(text, links, ids)


def _first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"…{a[max(0, at - 40) : at + 40]!r} ≠ …{b[max(0, at - 40) : at + 40]!r}"


def _files(site: Path, folder: str) -> set[str]:
    """The files of a folder, without the compressed copies (a build may skip them)."""
    return {
        path.relative_to(site).as_posix()
        for path in (site / folder).rglob("*")
        if path.is_file() and path.suffix not in (".br", ".gz")
    }


def differences(site_a: Path, site_b: Path) -> list[str]:
    """Every way in which the handbook differs between two builds, one line each."""
    found: list[str] = []
    pages_a, pages_b = pages(site_a), pages(site_b)
    found += [f"{page}: only in {site_a.name}" for page in sorted(pages_a - pages_b)]
    found += [f"{page}: only in {site_b.name}" for page in sorted(pages_b - pages_a)]
    for page in sorted(pages_a & pages_b):
        a, b = article(site_a / page), article(site_b / page)
        if a is None or b is None:
            if (a is None) != (b is None):
                found.append(f"{page}: an article in one build only")
            continue
        if a.text != b.text:
            found.append(f"{page}: article text differs: {_first_difference(a.text, b.text)}")
        if a.links != b.links:
            only = sorted(set(a.links) ^ set(b.links))[:5]
            found.append(f"{page}: links differ ({len(a.links)} vs {len(b.links)}; e.g. {only})")
        if a.heading_ids != b.heading_ids:
            found.append(f"{page}: heading ids differ: {a.heading_ids} vs {b.heading_ids}")
    for name in EXPORTS:
        if (site_a / name).read_bytes() != (site_b / name).read_bytes():
            found.append(f"{name}: differs")
    for folder in EXPORT_FOLDERS:
        files_a = _files(site_a, folder)
        files_b = _files(site_b, folder)
        if files_a != files_b:
            found.append(f"{folder}/: different files ({sorted(files_a ^ files_b)[:5]})")
        found += [
            f"{name}: differs"
            for name in sorted(files_a & files_b)
            if (site_a / name).read_bytes() != (site_b / name).read_bytes()
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    args = parser.parse_args()
    found = differences(args.site_a, args.site_b)
    for line in found[:50]:
        print(line)
    count = len(pages(args.site_a))
    print(f"parity: {count} pages compared, {len(found)} difference(s)")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
