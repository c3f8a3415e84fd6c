"""Links over the whole built site: a maintained checker for internal links, our own pass over every
anchor, and a report of external links (never fetched) that may only point where the sources point."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from scripts.browser import serve
from scripts.external_links import external_links

ROOT = Path(__file__).resolve().parent.parent
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
#: Any absolute base will do: links are resolved against it, then it is taken off again. The path below the
#: host lets a relative link that climbs out of the site be seen.
BASE = "https://site.invalid/werkkaarten/"


def test_linkchecker_finds_no_broken_internal_link(site: Path) -> None:
    """Every internal link leads to a page. Anchors: see test_every_internal_anchor_exists.

    Red when: a page links to a page that does not exist (a raw-HTML link to ../bestaat-niet/).

    LinkChecker reports a missing anchor only as a warning, which --no-warnings hides, and it checks a page's
    anchors at most once (it caches URLs without their fragment), so anchors are checked by our own pass below.
    """
    with serve(site, headers={"LinkChecker": "allowed"}) as base:
        run = subprocess.run(
            [
                str(LINKCHECKER),
                "--config",
                str(ROOT / "tests" / "linkcheckerrc"),
                "--no-status",
                "--no-warnings",
                "-o",
                "csv",
                "--threads",
                "4",
                base,
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
    errors = [line for line in run.stdout.splitlines() if line and not line.startswith("#") and ";False;" in line]
    assert run.returncode == 0 and not errors, "\n".join(errors[:20]) or run.stderr[-2000:]


def page_url_of(site: Path, file: Path) -> str:
    """The address of a built file below the site root, as the `page` fixture takes it ('x/' or '404.html')."""
    relative = file.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if file.name == "index.html" else relative


def test_every_internal_anchor_exists(site: Path, page) -> None:
    """Every same-site link with a #fragment, on every built page, leads to a file with an element of that id.

    Red when: a page links to an anchor that does not exist (a raw-HTML link to kind-centraal/#bestaat-niet).
    """
    files = sorted(site.rglob("*.html"))
    assert len(files) > 100, f"only {len(files)} pages built"
    broken, checked = [], 0
    for file in files:
        here = page_url_of(site, file)
        for link in page(here).select('a[href*="#"]'):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") or parts.netloc:
                continue  # external: listed by scripts/external_links.py, never fetched
            assert not parts.scheme, f"{here}: unexpected link {href}"
            resolved, _, fragment = urljoin(BASE + here, href).partition("#")
            fragment = unquote(fragment)
            if not fragment:
                continue
            if not resolved.startswith(BASE):
                broken.append(f"{here}: {href} leads outside the site")
                continue
            path = unquote(urlsplit(resolved).path).removeprefix(urlsplit(BASE).path)
            if path == "" or path.endswith("/") or (site / path).is_dir():
                path = path.rstrip("/") + "/index.html" if path else "index.html"
            if not (site / path).is_file():
                broken.append(f"{here}: {href} leads to no page")
                continue
            if not path.endswith(".html"):
                continue
            checked += 1
            if page(page_url_of(site, site / path)).find(id=fragment) is None:
                broken.append(f"{here}: {href} has no element with id '{fragment}'")
    assert checked > 1000, f"only {checked} anchored links checked"
    assert not broken, "\n".join(broken[:30])


def host_and_path(url: str) -> str:
    """'https://www.nji.nl/a/?b=1' → 'nji.nl/a?b=1': compare addresses without scheme, www or trailing slash."""
    parts = urlsplit(url if "//" in url else f"//{url}")
    query = f"?{parts.query}" if parts.query else ""
    return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/") + query


def test_external_links_only_point_where_the_sources_point(seeds: Path, site: Path) -> None:
    """No invented URLs: every external address on the site is an address (or a leading part of one) in a source.

    Red when: a page links to a made-up path on a host the sources use (https://www.nji.nl/verzonnen).
    """
    sources = " ".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt"))
    addresses = {
        host_and_path(found.rstrip(".,;:")) for found in re.findall(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", sources)
    }
    links = external_links(site)
    assert links, "expected the source references with real addresses"
    for url in links:
        wanted = host_and_path(url)
        assert any(address == wanted or address.startswith(wanted + "/") for address in addresses), (
            f"{url} is not an address from a source text (on {links[url]})"
        )
