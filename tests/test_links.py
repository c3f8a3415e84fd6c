"""Links over the whole built site: a maintained checker for internal links and anchors, and a report
of external links (never fetched) that may only point where the sources themselves point."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.browser import serve
from scripts.external_links import external_links

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"


def test_linkchecker_finds_no_broken_internal_link_or_anchor(site: Path) -> None:
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


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts (../shared/seeds) are not present")
def test_external_links_only_point_where_the_sources_point(site: Path) -> None:
    """No invented URLs: every external address on the site also appears in a source text."""
    sources = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    hosts = set(re.findall(r"https?://(?:www\.)?([a-z0-9.-]+)", sources)) | set(
        re.findall(r"www\.([a-z0-9.-]+)", sources)
    )
    links = external_links(site)
    assert links, "expected the source references with real addresses"
    for url in links:
        host = re.sub(r"^www\.", "", re.match(r"https?://([^/]+)", url).group(1))
        assert url in sources or host in hosts, f"{url} does not come from a source text (on {links[url]})"
