"""The URL contract: every address the site has ever published must keep resolving.

Training programmes, slides and printed hand-outs link to pages, short links and heading anchors.
`tests/url-contract.txt` lists every such address; this script appends new ones after a change
(the list only grows) and checks that each listed address still resolves in a built site, either
directly or through a redirect page. A page that moves must leave a redirect behind
(`docs/_data/verhuisd.yml`), or the check fails.

Usage:
    python scripts/url_contract.py --site site --update   # append addresses that are new
    python scripts/url_contract.py --site site            # check every listed address
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Headings the macros generate below every card; they come and go with the data, so nobody is
#: promised they stay (a card that leaves its last checklist loses "#checklists").
from macros.body import GENERATED_ANCHORS  # noqa: E402

CONTRACT = ROOT / "tests" / "url-contract.txt"
HEADER = "# Every published address (relative to the site root). Appended by scripts/url_contract.py; never remove.\n"
#: Generated machinery, not addresses anyone links to.
SKIPPED_DIRS = {"assets", "search", "schema", "qr"}
_REFRESH = re.compile(r"url=([^\"'>\s]+)", re.IGNORECASE)


@dataclass(frozen=True)
class _Page:
    """What the contract needs of a built page: where it redirects to, and which ids it has."""

    refresh: str | None  # the content of its refresh <meta>, if it is a redirect page
    ids: frozenset[str]
    heading_ids: tuple[str, ...]  # of the h2 and h3 headings in its article, in order


def _read(path: Path) -> _Page:
    """One parse with lxml (a contract holds some 700 addresses over 190 pages: read each page once)."""
    root = lxml.html.fromstring(path.read_bytes())
    refresh = next(
        (
            meta.get("content") or ""
            for meta in root.iter("meta")
            if (meta.get("http-equiv") or "").lower() == "refresh"
        ),
        None,
    )
    article = next(root.iter("article"), None)
    headings = () if article is None else tuple(h.get("id") for h in article.iter("h2", "h3") if h.get("id"))
    return _Page(refresh, frozenset(root.xpath("//@id")), headings)


def published_addresses(site: Path) -> list[str]:
    """Pages (including redirect pages such as short links) and the anchors of their headings."""
    addresses: list[str] = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.split("/")[0] in SKIPPED_DIRS:
            continue
        page = "" if rel == "." else f"{rel}/"
        addresses.append(page or "./")
        for anchor in _read(index).heading_ids:
            if anchor not in GENERATED_ANCHORS:
                addresses.append(f"{page}#{anchor}" if page else f"./#{anchor}")
    return addresses


def read_contract(path: Path = CONTRACT) -> list[str]:
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def update(site: Path, path: Path = CONTRACT) -> list[str]:
    """Append every published address not yet in the contract; returns what was added."""
    known = set(read_contract(path))
    new = [address for address in published_addresses(site) if address not in known]
    if new:
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        if text and not text.endswith("\n"):
            text += "\n"  # an editor may have dropped the last newline; never join two addresses
        path.write_text(text + "".join(f"{address}\n" for address in new), encoding="utf-8")
    return new


def resolve(site: Path, address: str, hops: int = 3, parsed: dict[Path, _Page] | None = None) -> str | None:
    """None when the address resolves (following redirect pages), else why it does not.

    `parsed` keeps each page parsed once while a whole contract is checked (a page has many anchors).
    """
    page, _, anchor = address.partition("#")
    page = "" if page == "./" else page
    index = site / page / "index.html" if not page or page.endswith("/") else site / page
    if not index.is_file():
        return "no such page"
    parsed = {} if parsed is None else parsed
    if index not in parsed:
        parsed[index] = _read(index)
    html = parsed[index]
    if html.refresh is not None:
        if hops == 0:
            return "too many redirects"
        match = _REFRESH.search(html.refresh)
        if match is None:
            return "redirect page without a target"
        target, _, target_anchor = match.group(1).partition("#")
        moved = posixpath.normpath(posixpath.join(page, target)) + ("/" if target.endswith("/") else "")
        onward = f"{moved}#{anchor or target_anchor}" if anchor or target_anchor else moved
        return resolve(site, onward, hops - 1, parsed)
    if anchor and anchor not in html.ids:
        return f"anchor #{anchor} is gone"
    return None


def check(site: Path, path: Path = CONTRACT) -> list[str]:
    """Every contract address that no longer resolves, with the reason."""
    failures = []
    parsed: dict[Path, _Page] = {}
    for address in read_contract(path):
        reason = resolve(site, address, parsed=parsed)
        if reason:
            failures.append(f"{address}: {reason}")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description="Check or extend the URL contract of a built site.")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--update", action="store_true", help="append addresses that are new")
    args = parser.parse_args()
    if args.update:
        added = update(args.site)
        print(f"{len(added)} new addresses appended to {CONTRACT.relative_to(ROOT)}")
    failures = check(args.site)
    for failure in failures:
        print(f"BROKEN {failure}", file=sys.stderr)
    print(f"{len(read_contract()) - len(failures)} of {len(read_contract())} contract addresses resolve")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
