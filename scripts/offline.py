"""The offline edition: the whole handbook as a zip that works from file://, PDFs included.

For training rooms without a network. Material's offline plugin (WERKKAARTEN_OFFLINE) writes
`x.html` pages that work from disk; this adds what the build writes next to the pages (the
checklist and handout PDFs, QR codes, cards.json) from a finished `site/`, and the search shim
from npm instead of unpkg.com. The 404 page goes: nothing serves it from disk, and its links are
root-relative. Every link must then resolve inside the edition and every page hold to the security
policy, checked by the same two checks as `site/`, before the zip is written.

Usage: python scripts/offline.py --site site --zip build/werkkaarten-offline.zip
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.build import build_pages  # noqa: E402
from scripts.check_links import broken_links  # noqa: E402
from scripts.project import site_url  # noqa: E402
from scripts.security_headers import check  # noqa: E402

#: Files the build writes next to the pages that the offline edition carries too.
EXPORTS = ("pdf", "qr", "cards.json")
#: The search shim that lets search run from file:// (npm's iframe-worker), and where pages load it.
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"


def build_offline(site: Path, target: Path, project: Path = ROOT, published: str = "") -> Path:
    """Write the offline edition into `target` (a folder named as the zip's top folder) and check it.

    `published` is the published address its copied and printed links use (the pack link, citations);
    by default SITE_URL, as for `site/`."""
    missing = [name for name in EXPORTS if not (site / name).exists()]
    if missing:
        raise SystemExit(f"offline: {site} has no {', '.join(missing)}; run `make build` first")
    if not SHIM.is_file():
        raise SystemExit(f"offline: {SHIM} is missing; run `npm ci` (make offline does)")
    settings = {"WERKKAARTEN_OFFLINE": "true", **({"SITE_URL": published} if published else {})}
    build_pages(project, target, env=settings, quiet=True)
    shutil.copy(SHIM, target / SHIM_TARGET)
    for name in EXPORTS:
        source = site / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.br", "*.gz"))
        else:
            shutil.copy(source, target / name)
    (target / "404.html").unlink(missing_ok=True)
    path = urlsplit(published or site_url(project)).path
    problems, _ = broken_links(target, site_path=path)
    problems += check(target, path or "/")
    if problems:
        shown = "\n".join(f"  - {line}" for line in problems[:30])
        raise SystemExit(f"offline: {len(problems)} problem(s) in the offline edition:\n{shown}")
    return target


def write_zip(folder: Path, out: Path) -> None:
    """A zip with `folder` as its one top folder; fixed dates, so the same edition gives the same bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(folder.parent)), date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--zip", type=Path, default=ROOT / "build" / "werkkaarten-offline.zip")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = build_offline(args.site.resolve(), Path(work) / "werkkaarten")
        write_zip(folder, args.zip)
    print(f"{args.zip}: unzip and open werkkaarten/index.html")


if __name__ == "__main__":
    main()
