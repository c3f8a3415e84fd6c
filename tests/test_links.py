"""Links over the whole built site: a maintained checker for internal links, our own pass over every
anchor, and a report of external links (never fetched) that may only point where the sources point."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from conftest import SITE_URL

from scripts.browser import serve
from scripts.check_links import broken_links
from scripts.external_links import external_links

ROOT = Path(__file__).resolve().parent.parent
LINKCHECKER = Path(sys.executable).parent / "linkchecker"


def test_linkchecker_finds_no_broken_internal_link(site: Path) -> None:
    """Every internal link leads to a page. Anchors: see test_every_internal_anchor_exists.

    Red when: a page links to a page that does not exist (a raw-HTML link to ../bestaat-niet/).

    LinkChecker's AnchorCheck plugin reports a missing anchor only as a warning and checks a page's anchors
    at most once (it caches URLs without their fragment), so it is off (tests/linkcheckerrc) and anchors
    are checked by our own pass below.
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


def test_every_internal_anchor_exists(site: Path) -> None:
    """Every same-site link on every built page leads to a file, and every #fragment to an element of that id.

    The pass is the build's own (scripts/check_links.py, shared with Zensical builds); here it runs on the
    site the tests built. Red when: a page links to an anchor that does not exist (see test_builders.py).
    """
    files = sorted(site.rglob("*.html"))
    assert len(files) > 100, f"only {len(files)} pages built"
    broken, checked = broken_links(site)
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
    links = external_links(site, SITE_URL)
    assert links, "expected the source references with real addresses"
    for url in links:
        wanted = host_and_path(url)
        assert any(address == wanted or address.startswith(wanted + "/") for address in addresses), (
            f"{url} is not an address from a source text (on {links[url]})"
        )
