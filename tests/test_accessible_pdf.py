"""Every published PDF is a tagged PDF a screen reader can use (WCAG 2.1 AA applies to documents too).

The checks read the structure tree back with pikepdf; they do not trust Chromium's `tagged` flag.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import SITE_URL

from macros.addresses import ALL_CHECKLISTS_PDF, pack_pdf_path, pdf_path
from scripts.accessible_pdf import mark_artifacts, structure, untagged


def every_pdf(site: Path, handbook) -> list[Path]:
    checklists = [site / pdf_path(c.id) for c in handbook.ordered_checklists()]
    packs = [site / pack_pdf_path(p.id) for p in handbook.ordered_packs()]
    return [*checklists, site / ALL_CHECKLISTS_PDF, *packs]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def structure_text(pdf: Path) -> str:
    """poppler's reading of the tree's text: what the structure tree, not the page, holds."""
    pdfinfo = os.environ.get("PDFINFO", "pdfinfo")  # `make poppler` installs Debian's poppler-utils
    run = subprocess.run([pdfinfo, "-struct-text", str(pdf)], capture_output=True, text=True, check=True)
    return "".join(re.findall(r'^\s*"(.*)"$', run.stdout, flags=re.MULTILINE))


def test_every_pdf_has_a_structure_tree_language_title_and_bookmarks(site: Path, handbook) -> None:
    """Red when: a PDF is printed without tagged=True or outline=True, or the finishing step drops the
    title, language or 'show the title' preference (a screen reader then announces the file name)."""
    for pdf in every_pdf(site, handbook):
        with pikepdf.open(pdf) as document:
            root = document.Root
            assert "/StructTreeRoot" in root, f"{pdf.name}: not tagged"
            assert bool(root.MarkInfo.Marked), pdf.name
            assert str(root.Lang) == "nl-NL", pdf.name
            assert bool(root.ViewerPreferences.DisplayDocTitle), pdf.name
            assert "/Outlines" in root and int(root.Outlines.Count) != 0, f"{pdf.name}: no bookmarks"
            title = str(document.docinfo.Title)
            assert title.startswith(("CL", "LP", "Werkkaarten")), f"{pdf.name}: title {title!r}"
            with document.open_metadata() as meta:
                assert meta["dc:title"] == title, pdf.name
                assert "nl-NL" in str(meta["dc:language"]), pdf.name


def test_headings_lists_figures_and_links_are_in_the_tree(site: Path, handbook) -> None:
    """Red when: checklist items are no longer a list (L/LI), the QR code has no figure with its address
    as alternative text, or a link leaves the tree."""
    for pdf in every_pdf(site, handbook):
        kinds = [kind for kind, _ in structure(pdf)]
        assert "H1" in kinds and "L" in kinds and "LI" in kinds and "Link" in kinds, f"{pdf.name}: {set(kinds)}"
        figures = [alt for kind, alt in structure(pdf) if kind == "Figure"]
        assert figures, f"{pdf.name}: the QR code is not a figure"
        assert all(alt.startswith(f"QR-code naar {SITE_URL}") for alt in figures), figures


def test_every_checklist_item_is_text_in_the_tree(site: Path, handbook) -> None:
    """Red when: the finishing step marks real content as an artifact (a screen reader skips it), or the
    space at a line break drops out of the tagged text again ("veilig genoegis": make_pdfs.py keeps it)."""
    for checklist in handbook.ordered_checklists():
        pdf = site / pdf_path(checklist.id)
        with pikepdf.open(pdf) as document:
            assert len(document.pages) == 1
        text = " ".join(structure_text(pdf).split())
        assert " ".join(checklist.purpose.split()) in text, f"{checklist.id}: purpose not read as written"
        for _, check in handbook.checklist_items(checklist):
            words = " ".join(check.text.split())
            assert words in text, f"{checklist.id}: not in the structure tree as written: {check.text}"


def test_nothing_visible_is_outside_the_tree_and_not_an_artifact(site: Path, handbook) -> None:
    """Red when: Chromium's footers, borders or ::before glyphs reach a PDF unmarked (make_pdfs checks
    this too; here it is checked on what was published)."""
    for pdf in every_pdf(site, handbook):
        assert untagged(pdf) == [], pdf.name


def test_every_link_has_a_text_alternative(site: Path, handbook) -> None:
    """Red when: a link annotation has no /Contents (PDF/UA 7.18.5), or a URI is not 7-bit ASCII."""
    for pdf in every_pdf(site, handbook):
        with pikepdf.open(pdf) as document:
            for page in document.pages:
                for annotation in page.obj.get("/Annots") or []:
                    if annotation.get("/Subtype") != pikepdf.Name.Link:
                        continue
                    assert str(annotation.get("/Contents", "")).strip(), f"{pdf.name}: link without text"
                    action = annotation.get("/A")
                    if action is not None and "/URI" in action:
                        bytes(action.URI).decode("ascii")


def test_running_footers_become_artifacts(tmp_path: Path, site: Path, handbook) -> None:
    """The finishing step on its own: unmarked drawing in a copy of a pack handout is found, then wrapped.

    Red when: `untagged` cannot see unmarked content (then the two tests above could never fail).
    """
    pack = handbook.ordered_packs()[0]
    copy = tmp_path / "handout.pdf"
    with pikepdf.open(site / pack_pdf_path(pack.id)) as document:
        page = document.pages[0]
        extra = b"BT /F1 8 Tf 10 10 Td (pagina 1) Tj ET 0 0 5 5 re f"
        page.contents_add(document.make_stream(extra))
        document.save(copy)
    assert len(untagged(copy)) == 2
    with pikepdf.open(copy, allow_overwriting_input=True) as document:
        assert mark_artifacts(document) == 2
        document.save(copy)
    assert untagged(copy) == []


@pytest.mark.parametrize("pdf_name", [ALL_CHECKLISTS_PDF])
def test_the_combined_pdf_is_one_tagged_document(site: Path, handbook, pdf_name: str) -> None:
    """Red when: the combined PDF is merged from the single ones again (merging loses the tree)."""
    kinds = [kind for kind, _ in structure(site / pdf_name)]
    assert kinds.count("H1") == len(handbook.ordered_checklists())
    assert kinds.count("Figure") == len(handbook.ordered_checklists())
