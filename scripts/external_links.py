"""List every link to another site, with the pages that carry it; nothing is fetched.

Readers work on sensitive cases and CI has no internet: external links are reported for a human
to check now and then, not requested by the build. Usage: python scripts/external_links.py [--site site]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.project import site_url  # noqa: E402


def external_links(site: Path, own_address: str = "") -> dict[str, list[str]]:
    """External URL → the pages (paths below the site root) that link to it. Links to the site's own
    published address (`own_address`, such as a checklist's printed "Online:" link) are not external."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        article = html.select_one("article")
        for link in article.select("a[href]") if article else []:
            href = str(link["href"])
            if urlparse(href).scheme in ("http", "https") and not (own_address and href.startswith(own_address)):
                found[href].add(page.parent.relative_to(site).as_posix() + "/")
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "external-links.txt")
    args = parser.parse_args()
    links = external_links(args.site, site_url(ROOT))
    lines = [f"{url}\n" + "".join(f"    {page}\n" for page in pages) for url, pages in links.items()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(links)} external links (not fetched), listed in {args.out}")


if __name__ == "__main__":
    main()
