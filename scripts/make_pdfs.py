"""Print every checklist of a built site to a one-page A4 PDF, plus one PDF with all of them.

Headless Chromium prints what a reader's browser prints, with our print stylesheet, so the PDF
and the page a professional prints at the office are the same form. A checklist that does not
fit on one page is an error: the script exits non-zero and names it.

Chromium prints from a local server, so the links it writes into the PDF point there; every link
is rewritten to the published address (site_url), and a link that would still point to the local
server stops the script. Dates and file identifiers are fixed (the checklist's review date), so
two builds of the same commit give the same bytes.

Usage: python scripts/make_pdfs.py [--site site] [--docs docs] [--site-url URL]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.handbook import Handbook  # noqa: E402 - the project root must be on the path first
from macros.packs import ordered_packs, pack_pdf_path  # noqa: E402
from macros.rendering import ALL_CHECKLISTS_PDF, page_url, pdf_path  # noqa: E402
from scripts.browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from scripts.project import site_url as configured_site_url  # noqa: E402


def pdf_file(site: Path, checklist_id: str) -> Path:
    return site / pdf_path(checklist_id)


def link_targets(pdf: Path) -> list[str]:
    """Every link annotation's address in a PDF, page by page."""
    targets = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def _fix(writer: PdfWriter, title: str, day: date) -> None:
    """Same content, same bytes: fixed dates and an identifier derived from the content's date."""
    stamp = f"D:{day:%Y%m%d}000000Z"
    writer.add_metadata(
        {
            "/Title": title,
            "/Producer": "Werkkaarten",
            "/Creator": "Werkkaarten",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    identifier = ByteStringObject(hashlib.sha256(f"{title}|{day}".encode()).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # pypdf has no public setter; default is random


def publish_links(pdf: Path, local_base: str, published: str, title: str, day: date) -> None:
    """Point every link to the published site instead of the local print server."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None or "/URI" not in action:
                continue
            uri = str(action["/URI"])
            if uri.startswith(local_base):
                action[NameObject("/URI")] = TextStringObject(published + uri[len(local_base) :])
            elif uri.startswith("http://127.0.0.1") or uri.startswith("http://localhost"):
                raise SystemExit(f"{pdf.name}: a link points to a local address outside the site: {uri}")
    _fix(writer, title, day)
    with open(pdf, "wb") as out:
        writer.write(out)


def make_pdfs(site: Path, docs: Path, published: str) -> list[Path]:
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
            publish_links(target, base, published, f"{checklist.code} {checklist.title}", checklist.reviewed)
            written.append(target)
        browser.close()

    too_long = [p for p in written if len(PdfReader(p).pages) != 1]
    if too_long:
        names = ", ".join(p.stem for p in too_long)
        raise SystemExit(f"These checklists do not fit on one A4 page: {names}")

    merged = PdfWriter()
    for path in written:
        merged.append(str(path))
    _fix(merged, "Werkkaarten: alle checklists", max(c.reviewed for c in checklists))
    with open(site / ALL_CHECKLISTS_PDF, "wb") as out:
        merged.write(out)
    return written + make_pack_pdfs(site, handbook, published)


#: Page numbers at the foot of every handout page (Chromium fills in the two classes).
PACK_FOOTER = (
    '<div style="width:100%;margin:0 16mm;font:8pt sans-serif;color:#000;display:flex;justify-content:space-between">'
    '<span class="title"></span>'
    '<span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span>'
    "</div>"
)
#: Where each part of a handout starts, from the printed text: the part's heading ("3. Title").
_FIND_PAGES = """() => [...document.querySelectorAll('.wk-lp-pagina[data-wk-lp-anchor]')].map(
  e => [e.dataset.wkLpAnchor, (document.getElementById(e.dataset.wkLpAnchor) || {}).textContent || ''])"""


def _print_pack(page: object, target: Path) -> None:
    page.pdf(  # type: ignore[attr-defined]
        path=str(target),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=PACK_FOOTER,
        margin={"top": "14mm", "bottom": "16mm", "left": "16mm", "right": "16mm"},
    )


def _start_pages(pdf: Path, headings: list[tuple[str, str]]) -> dict[str, int]:
    """The page on which each heading is printed (searched from the previous one on, in order)."""
    texts = [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]
    found: dict[str, int] = {}
    start = 2  # page 1 is the cover, page 2 the contents list (which repeats every title)
    for anchor, heading in headings:
        wanted = " ".join(heading.replace("¶", "").split())[:60]
        for number in range(start, len(texts)):
            if wanted in texts[number]:
                found[anchor] = start = number
                break
    return {anchor: number + 1 for anchor, number in found.items()}


def make_pack_pdfs(site: Path, handbook: Handbook, published: str) -> list[Path]:
    """One handout per course pack: cover with goals, QR and contents (with page numbers), then the
    parts, then the sources; A4 with page numbers. Printed twice: the first print tells on which
    page each part starts, the second prints those numbers in the contents list."""
    written: list[Path] = []
    packs = ordered_packs(handbook)
    if not packs:
        return written
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.emulate_media(media="print")
        for pack in packs:
            target = site / pack_pdf_path(pack.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.goto(base + page_url(handbook.pack_paths[pack.id]), wait_until="load")
            _print_pack(page, target)
            headings = [tuple(pair) for pair in page.evaluate(_FIND_PAGES)]
            numbers = _start_pages(target, headings)  # type: ignore[arg-type]
            missing = [anchor for anchor, _ in headings if anchor not in numbers]
            if missing:
                raise SystemExit(f"{target.name}: parts not found in the printed handout: {', '.join(missing)}")
            page.evaluate(
                "numbers => Object.entries(numbers).forEach(([a, n]) =>"
                " document.querySelector(`[data-wk-lp-anchor='${a}']`).textContent = String(n))",
                numbers,
            )
            _print_pack(page, target)
            if _start_pages(target, headings) != numbers:  # type: ignore[arg-type]
                raise SystemExit(f"{target.name}: the page numbers moved the parts; check the print layout")
            publish_links(target, base, published, f"{pack.code} {pack.title}", pack.reviewed)
            written.append(target)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--site-url", default=None, help="published address (default: site_url of mkdocs.yml)")
    args = parser.parse_args()
    started = time.perf_counter()
    published = (args.site_url or configured_site_url(args.docs.parent)).rstrip("/") + "/"
    written = make_pdfs(args.site, args.docs, published)
    took = time.perf_counter() - started
    print(f"{len(written)} checklist and course pack PDFs and {ALL_CHECKLISTS_PDF} in {took:.1f} s")


if __name__ == "__main__":
    main()
