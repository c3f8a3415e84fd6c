"""One handbook, two builders: Zensical builds what MkDocs builds, and the build's own checks hold for both.

The Zensical build runs `scripts/build.py --builder zensical` with the pinned Zensical that `make test`
installs (`.venv-zensical`, requirements-zensical.txt), so the comparison is of two complete builds.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import urllib.request
from pathlib import Path

import brotli
import pytest
from conftest import BUILD, ROOT, TEST_ENV, once_per_run
from playwright.sync_api import Browser
from test_browser import Watch, search_for

from scripts.build import ZENSICAL
from scripts.check_links import broken_links
from scripts.compress import compressible
from scripts.nginx import serve_nginx
from scripts.parity import differences, pages


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} is missing: run 'make build-zensical' (make test installs it)", pytrace=False)

    def make(site: Path) -> None:
        run = subprocess.run(
            # Without PDFs and compressed copies: the comparison reads pages, exports and QR codes.
            [*BUILD, "--site", str(site), "--builder", "zensical", "--no-pdf", "--no-compress"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=TEST_ENV,
            timeout=600,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "pages (Zensical)" in run.stdout

    return once_per_run(tmp_path_factory, "zensical-site", make)


def test_zensical_builds_the_same_handbook(zensical_site: Path, site: Path) -> None:
    """Same pages, article text, links, heading ids, short links, cards.json and QR codes as MkDocs.

    Red when: the card wrapping runs in a hook only MkDocs calls (Zensical's cards lose header and
    footer, its empty checklist pages come out empty), or a generated link is written for one
    builder's way of rewriting links only (Renderer.site_file).
    """
    # zensical_site is asked for first: Zensical builds while the shared site does (conftest.py).
    assert len(pages(site)) > 150
    found = differences(site, zensical_site)
    assert not found, "\n".join(found[:20])


def test_zensical_pages_fetch_no_search_index_until_search_opens(browser: Browser, zensical_site: Path) -> None:
    """Zensical's theme fetches search.json on every page that has a panel with class md-search; ours has
    none, and Pagefind answers once search is opened, as on the MkDocs build.

    Red when: the panel carries class md-search again ("search files fetched before search was opened",
    and a failed request: the build publishes no search.json).
    """
    with serve_nginx(zensical_site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            watch = Watch(origin=base.rsplit("/werkkaarten/", 1)[0])
            watch.attach(page)
            page.goto(base + "partnerschap/respecteer-ouders/", wait_until="load")
            watch.settle(page)
            watch.assert_clean("a card built by Zensical, search not opened")
            page.keyboard.press("/")
            assert "intieme-terreur" in " ".join(search_for(page, "intieme terreur")[:3])
            watch.settle(page)
            watch.assert_clean("a card built by Zensical, after a search", searched=True)
        finally:
            context.close()


def test_the_comparison_sees_a_difference(site: Path, tmp_path: Path) -> None:
    """The parity check can fail: a changed sentence, a changed link and a missing QR code are each reported."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf"))
    card = copy / "partnerschap" / "kind-centraal" / "index.html"
    html = card.read_text(encoding="utf-8")
    assert html.count("<h2 ") > 2
    html = html.replace("<h2 ", '<p>Een zin die de bron niet heeft: <a href="#x">hier</a>.</p><h2 ', 1)
    card.write_text(html, encoding="utf-8")
    (copy / "qr" / "p1.svg").unlink()
    found = "\n".join(differences(site, copy))
    assert "partnerschap/kind-centraal/index.html: article text differs" in found
    assert "partnerschap/kind-centraal/index.html: links differ" in found
    assert "qr/: different files (['qr/p1.svg'])" in found


def test_the_link_check_finds_a_broken_link_and_a_missing_anchor(site: Path, tmp_path: Path) -> None:
    """scripts/check_links.py (a build step) fails on what either builder lets through."""
    assert broken_links(site) == ([], broken_links(site)[1])
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.gz", "*.br"))
    page = copy / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</article>", '<a href="partnerschap/weg/">a</a><a href="partnerschap/kind-centraal/#weg">b</a></article>'
        ),
        encoding="utf-8",
    )
    broken, checked = broken_links(copy, skip=("pdf/",))
    assert checked > 5000
    assert broken == [
        ": partnerschap/weg/: no such file",
        ": partnerschap/kind-centraal/#weg: no element with id 'weg'",
    ]


def test_every_text_file_has_identical_gzip_and_brotli_copies(fixture_site: tuple[Path, Path]) -> None:
    """What nginx serves with gzip_static and brotli_static is the file itself, compressed.

    On the fixture built with everything `make build` makes: a page, export and search file of every kind
    the handbook has, through the same step (the shared build of the handbook leaves the copies out).
    """
    site = fixture_site[1]
    files = compressible(site)
    kinds = {path.suffix for path in files}
    assert {".html", ".css", ".js", ".json", ".svg", ".xml"} <= kinds, kinds
    for path in files:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
    script = site / "pagefind" / "pagefind.js"
    assert len((site / "pagefind" / "pagefind.js.br").read_bytes()) < len(script.read_bytes()) / 3


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("identity", None)])
def test_nginx_serves_the_precompressed_copies(
    fixture_site: tuple[Path, Path], accept: str, encoding: str | None
) -> None:
    """With the configuration we ship (scripts/nginx.py), a browser that accepts Brotli gets the .br copy.

    Red when: brotli_static or gzip_static is missing from the configuration, or the module is not loaded.
    """
    site = fixture_site[1]
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}[encoding]
    with serve_nginx(site) as base:
        for path in ("pagefind/pagefind.js", "partnerschap/kind-centraal/"):
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": accept})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.headers.get("Content-Encoding") == encoding, path
                body = decode(response.read())
            file = site / path / "index.html" if path.endswith("/") else site / path
            assert body == file.read_bytes(), path
