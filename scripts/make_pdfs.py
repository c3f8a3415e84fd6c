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
import sys
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.addresses import (  # noqa: E402 - the project root must be on the path first
    ALL_CHECKLISTS_PDF,
    pack_pdf_path,
    page_url,
    pdf_path,
    printable,
)
from macros.handbook import Handbook  # noqa: E402
from macros.validation import load_handbook  # noqa: E402
from scripts.accessible_pdf import finish, untagged  # noqa: E402
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


#: Each link's text as the page shows it, keyed by the address Chromium writes into the PDF.
_LINK_TEXTS = """() => Object.fromEntries([...document.querySelectorAll('a[href]')].map(
  a => [a.href, (a.getAttribute('aria-label') || a.textContent || '').replace(/\\s+/g, ' ').trim()]))"""
#: Prints every checklist as one document (a tagged PDF loses its tree when PDFs are merged): the
#: other checklists' articles are fetched and set after this one, one A4 page each.
_ALL_CHECKLISTS = """async urls => {
  const here = document.querySelector('article.md-content__inner');
  const parts = [here];
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    const article = new DOMParser().parseFromString(html, 'text/html').querySelector('article.md-content__inner');
    article.querySelectorAll('a[href]').forEach(a => { a.href = new URL(a.getAttribute('href'), url).href; });
    parts.push(article);
  }
  document.documentElement.classList.add('wk-alle-checklists');
  const content = here.parentNode;
  for (const article of parts) {
    const sheet = document.createElement('div');
    sheet.className = 'wk-vel';
    content.appendChild(sheet);
    sheet.appendChild(article);
  }
}"""


#: Chromium leaves the space at a soft line break out of the text it tags ("veilig genoegis"), so a screen
#: reader runs two words together. In text blocks without block children, whitespace is collapsed by hand
#: and kept (pre-wrap): the line breaks where it did, and the space stays in the tagged text.
_KEEP_LINE_END_SPACES = r"""() => {
  const blocks = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'td', 'th', 'dt', 'dd', 'figcaption'];
  const isBlock = e => !['inline', 'inline-block', 'contents', 'none'].includes(getComputedStyle(e).display);
  for (const el of document.querySelectorAll(blocks.map(b => 'article ' + b).join(','))) {
    if (getComputedStyle(el).whiteSpace !== 'normal' || [...el.children].some(isBlock)) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    if (texts.length === 0) continue;
    texts.forEach(t => { t.data = t.data.replace(/\s+/g, ' '); });
    texts[0].data = texts[0].data.replace(/^ /, '');
    texts[texts.length - 1].data = texts[texts.length - 1].data.replace(/ $/, '');
    el.style.whiteSpace = 'pre-wrap';
  }
}"""


def _print(page: Page, target: Path, footer: str | None = None) -> None:
    """Chromium's tagged print: structure tree from the accessibility tree, bookmarks from headings.

    A checklist takes its page size and margins from the print stylesheet; a handout (with `footer`,
    its page numbers) gets margins that leave room for the footer.
    """
    page.evaluate(_KEEP_LINE_END_SPACES)
    if footer is None:
        page.pdf(
            path=str(target), format="A4", print_background=True, tagged=True, outline=True, prefer_css_page_size=True
        )
        return
    page.pdf(
        path=str(target),
        format="A4",
        print_background=True,
        tagged=True,
        outline=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=footer,
        margin={"top": "14mm", "bottom": "16mm", "left": "16mm", "right": "16mm"},
    )


def _finish(page: Page, target: Path, base: str, published: str, title: str, day: date) -> None:
    texts = page.evaluate(_LINK_TEXTS)
    finish(target, local_base=base, published=published, title=title, day=day, link_texts=texts)
    left = untagged(target)
    if left:
        raise SystemExit(f"{target.name}: content outside the structure tree and not an artifact: {left[:3]}")


def make_pdfs(site: Path, docs: Path, published: str) -> list[Path]:
    handbook = load_handbook(docs)
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
            _print(page, target)
            _finish(page, target, base, published, f"{checklist.code} {checklist.title}", checklist.reviewed)
            written.append(target)

        too_long = [p for p in written if len(PdfReader(p).pages) != 1]
        if too_long:
            names = ", ".join(p.stem for p in too_long)
            raise SystemExit(f"These checklists do not fit on one A4 page: {names}")

        combined = site / ALL_CHECKLISTS_PDF
        first, *others = [base + page_url(handbook.checklist_paths[c.id]) for c in checklists]
        page.goto(first, wait_until="load")
        page.evaluate(_ALL_CHECKLISTS, others)
        _print(page, combined)
        latest = max(c.reviewed for c in checklists)
        _finish(page, combined, base, published, "Werkkaarten: alle checklists", latest)
        if len(PdfReader(combined).pages) != len(checklists):
            raise SystemExit(f"{combined.name}: {len(checklists)} checklists should give as many A4 pages")
        browser.close()
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


def _print_pack(page: Page, target: Path) -> None:
    _print(page, target, footer=PACK_FOOTER)


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
    packs = handbook.ordered_packs()
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
            headings = [(str(anchor), str(text)) for anchor, text in page.evaluate(_FIND_PAGES)]
            numbers = _start_pages(target, headings)
            missing = [anchor for anchor, _ in headings if anchor not in numbers]
            if missing:
                raise SystemExit(f"{target.name}: parts not found in the printed handout: {', '.join(missing)}")
            page.evaluate(
                "numbers => Object.entries(numbers).forEach(([a, n]) =>"
                " document.querySelector(`[data-wk-lp-anchor='${a}']`).textContent = String(n))",
                numbers,
            )
            _print_pack(page, target)
            if _start_pages(target, headings) != numbers:
                raise SystemExit(f"{target.name}: the page numbers moved the parts; check the print layout")
            _finish(page, target, base, published, f"{pack.code} {pack.title}", pack.reviewed)
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
    published = printable(args.site_url) if args.site_url else configured_site_url(args.docs.parent)
    written = make_pdfs(args.site, args.docs, published)
    took = time.perf_counter() - started
    print(f"{len(written)} checklist and course pack PDFs and {ALL_CHECKLISTS_PDF} in {took:.1f} s")


if __name__ == "__main__":
    main()
