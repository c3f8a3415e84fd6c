"""Print every checklist of a built site to a one-page A4 PDF, plus one PDF with all of them.

Headless Chromium prints what a reader's browser prints, with our print stylesheet, so the PDF
and the page a professional prints at the office are the same form. A checklist that does not
fit on one page is an error: the script exits non-zero and names it.

Usage: python scripts/make_pdfs.py [--site site] [--docs docs]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.handbook import Handbook  # noqa: E402 - the project root must be on the path first
from macros.rendering import ALL_CHECKLISTS_PDF, page_url, pdf_path  # noqa: E402
from scripts.browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402


def pdf_file(site: Path, checklist_id: str) -> Path:
    return site / pdf_path(checklist_id)


def make_pdfs(site: Path, docs: Path) -> list[Path]:
    handbook = Handbook.from_disk(docs)
    checklists = handbook.ordered_checklists()
    written: list[Path] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.emulate_media(media="print")
        for checklist in checklists:
            target = pdf_file(site, checklist.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.goto(base + page_url(handbook.checklist_paths[checklist.id]), wait_until="load")
            page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=True)
            written.append(target)
        browser.close()

    too_long = [p for p in written if len(PdfReader(p).pages) != 1]
    if too_long:
        names = ", ".join(p.stem for p in too_long)
        raise SystemExit(f"These checklists do not fit on one A4 page: {names}")

    merged = PdfWriter()
    for path in written:
        merged.append(str(path))
    merged.add_metadata({"/Title": "Werkkaarten: alle checklists"})
    with open(site / ALL_CHECKLISTS_PDF, "wb") as out:
        merged.write(out)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    started = time.perf_counter()
    written = make_pdfs(args.site, args.docs)
    print(f"{len(written)} checklist PDFs and {ALL_CHECKLISTS_PDF} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
