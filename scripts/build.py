"""Build the publishable site: all steps into a temporary folder, then swap it into place.

Steps: the strict page build (MkDocs by default, or Zensical with `--builder zensical`), the files
next to the pages (cards.json, QR codes, short links and moved pages), the search index (Pagefind),
our own scripts and stylesheet minified, the PDFs (checklists and pack handouts), a check of every
same-site link and anchor, the security policy check and its headers, and pre-compressed copies
(gzip and Brotli) for hosts that serve them. `site/` is replaced only when every step has succeeded,
so a failed build leaves the previous site exactly as it was, and nobody can deploy a half-built one
by hand.

The published address (printed in PDFs, QR codes and citations) comes from SITE_URL through
mkdocs.yml. A build without one is local and says so; `--publish` refuses it.

Usage: python scripts/build.py [--site site] [--project .] [--builder mkdocs|zensical] [--no-pdf] [--no-compress]
       [--publish]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.addresses import local_reason, unreachable  # noqa: E402
from macros.errors import HandbookError  # noqa: E402
from scripts.check_links import check_site  # noqa: E402
from scripts.compress import compress_and_report  # noqa: E402
from scripts.project import BUILD_ENV, edition, site_url  # noqa: E402
from scripts.security_headers import check_and_write  # noqa: E402

#: Where `make build-zensical` installs the pinned Zensical (its own environment: its packages differ).
ZENSICAL = Path(os.environ.get("ZENSICAL", ROOT / ".venv-zensical" / "bin" / "zensical"))


def _step(name: str, command: list[str], cwd: Path, env: dict[str, str] | None = None, quiet: bool = False) -> None:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env={**BUILD_ENV, **(env or {})}, capture_output=quiet, text=True)
    if result.returncode != 0:
        output = f"\n{result.stdout}{result.stderr}" if quiet else ""
        raise SystemExit(f"build failed at step '{name}' (exit {result.returncode}); site/ is unchanged{output}")
    if not quiet:
        print(f"build: {name} ({time.perf_counter() - started:.1f} s)", flush=True)


def _call(name: str, step: Callable[[], str]) -> None:
    """A step that runs in this process (the checks and the compressed copies: each saved a Python start
    and its imports, about a second per build); it fails as `_step` does, after printing its reason."""
    started = time.perf_counter()
    try:
        summary = step()
    except SystemExit as refusal:
        if refusal.code in (None, 0):
            raise
        print(refusal.code, file=sys.stderr, flush=True)
        raise SystemExit(f"build failed at step '{name}' (exit 1); site/ is unchanged") from None
    print(summary, flush=True)
    print(f"build: {name} ({time.perf_counter() - started:.1f} s)", flush=True)


def _exports(project: Path, out: Path, url: str) -> None:
    """cards.json, QR codes and redirect pages, from the same validated data the pages came from."""
    from macros.export import write_exports
    from macros.rendering import Renderer
    from macros.validation import load_handbook

    handbook = load_handbook(project / "docs")
    write_exports(out, handbook, Renderer(handbook, url))


#: Pagefind, our search online: it indexes the built pages (only what sits in data-pagefind-body, see
#: overrides/main.html), leaves out what Material's search leaves out too (data-search-exclude) and the
#: headings' permalink signs, stems
#: Dutch, and writes its index and scripts to pagefind/ next to the pages.
#: (Pagefind reads a bare attribute selector as no selector: it must name an element, `*` here.)
PAGEFIND = (
    *("--output-subdir", "pagefind", "--force-language", "nl"),
    *("--exclude-selectors", "*[data-search-exclude], .headerlink"),
)
#: What zoeken.js uses of Pagefind's output: its API and worker, the entry file, the Dutch WebAssembly,
#: the metadata and the index and fragment chunks. Its ready-made interfaces, the highlighter and the
#: other language's WebAssembly are removed, so nothing is published that the site does not run.
PAGEFIND_USED = (
    *("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.nl.pagefind", "*.pf_meta"),
    *("index", "fragment"),
)


def index_search(out: Path, project: Path) -> None:
    """Replace the theme's search index by Pagefind's: the theme's (Material's search/, Zensical's
    search.json) is loaded on every page view, Pagefind's only when a reader opens search. The offline
    edition keeps Material's (file://)."""
    shutil.rmtree(out / "search", ignore_errors=True)  # Material's
    (out / "search.json").unlink(missing_ok=True)  # Zensical's
    command = [sys.executable, "-m", "pagefind", "--site", str(out), *PAGEFIND, "--quiet"]
    _step("search index (Pagefind)", command, project)
    for path in (out / "pagefind").iterdir():
        if not any(path.match(pattern) for pattern in PAGEFIND_USED):
            path.unlink()


#: Our own scripts and stylesheet in the built site, published minified: a reader's first visit loads them
#: on every page, and their comments (why, not what) are for the next maintainer, in docs/assets/.
#: The vendored qrcode-generator.js is left as it came (its licence header stays verbatim).
OWN_SCRIPTS = "assets/javascripts/*.js"
VENDORED = {"qrcode-generator.js"}
OWN_STYLESHEET = "assets/stylesheets/werkkaarten.css"


def minify_own(out: Path) -> None:
    """Strip comments and spaces from our scripts (rjsmin) and stylesheet (rcssmin); `/*! … */` stays."""
    for path in sorted(out.glob(OWN_SCRIPTS)):
        if path.name not in VENDORED and not path.name.startswith("bundle."):
            path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8"), keep_bang_comments=True), encoding="utf-8")
    css = out / OWN_STYLESHEET
    css.write_text(rcssmin.cssmin(css.read_text(encoding="utf-8"), keep_bang_comments=True), encoding="utf-8")


def _swap(built: Path, site: Path) -> None:
    """Replace site/ by the new build in two renames; the old one is removed only afterwards."""
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    built.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def build_pages(
    project: Path,
    out: Path,
    builder: str = "mkdocs",
    env: dict[str, str] | None = None,
    config: str = "mkdocs.yml",
    quiet: bool = False,
) -> None:
    """The strict page build into `out`: the one place a builder runs (make build, build-zensical,
    offline, the benchmark and the tests all come here). Both builders read mkdocs.yml, including
    site_dir (WERKKAARTEN_SITE_DIR); Zensical only writes inside the project, so it builds there and
    the result is moved into place. `env` adds settings (WERKKAARTEN_OFFLINE for the offline edition)."""
    if builder == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config, "-d", str(out)]
        _step("pages (MkDocs)", command, project, {**(env or {}), "WERKKAARTEN_SITE_DIR": str(out)}, quiet)
        return
    inside = Path(tempfile.mkdtemp(prefix=".zensical-", dir=project))
    try:
        command = [str(ZENSICAL), "build", "--strict", "--clean", "-f", config]
        settings = {**(env or {}), "WERKKAARTEN_SITE_DIR": str(inside / "site")}
        _step("pages (Zensical)", command, project, settings, quiet)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(inside / "site", out)
    finally:
        shutil.rmtree(inside, ignore_errors=True)


def build(
    project: Path, site: Path, pdfs: bool = True, publish: bool = False, builder: str = "mkdocs", compress: bool = True
) -> None:
    url = site_url(project)
    refusal = unreachable(os.environ.get("SITE_URL", url))
    if publish and refusal:
        raise SystemExit(f"refusing to publish: site_url {url}: {refusal}; set SITE_URL to the published address")
    unnamed = edition(project).problems()
    if publish and unnamed:
        raise SystemExit(f"refusing to publish: who publishes this edition? {'; '.join(unnamed)} (see the README)")
    if unnamed:
        print(f"build: LOCAL build: {'; '.join(unnamed)}; 'Over dit handboek' says so.")
    reason = local_reason(url)
    if reason:
        print(f"build: LOCAL build: links in PDFs, QR codes and citations point to {url} ({reason}).")
        print("build: set SITE_URL=https://… to the published address before publishing.")
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
    out = work / "site"
    try:
        build_pages(project, out, builder)
        _exports(project, out, url)
        print("build: cards.json, QR codes, short links", flush=True)
        index_search(out, project)
        minify_own(out)
        if pdfs:
            script = ROOT / "scripts" / "make_pdfs.py"
            command = [sys.executable, str(script), "--site", str(out), "--docs", "docs"]
            _step("PDFs (checklists, pack handouts)", command, project)
        _call("links and anchors", lambda: check_site(out, project, () if pdfs else ("pdf/",)))
        _call("security policy and headers", lambda: check_and_write(out, project))
        if compress:
            _call("gzip and Brotli copies", lambda: compress_and_report(out))
        _swap(out, site)
    except BaseException:
        print("build: failed; the previous site is unchanged", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"build: {site} is ready for {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (bad-input tests)")
    parser.add_argument("--publish", action="store_true", help="refuse a local or placeholder site_url")
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--no-compress", action="store_true", help="skip the .br/.gz copies (bad-input tests)")
    args = parser.parse_args()
    project = args.project.resolve()  # before the chdir: a relative --project is relative to where it was typed
    site = args.site.resolve()
    os.chdir(project)
    try:
        build(
            project,
            site,
            pdfs=not args.no_pdf,
            publish=args.publish,
            builder=args.builder,
            compress=not args.no_compress,
        )
    except HandbookError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
