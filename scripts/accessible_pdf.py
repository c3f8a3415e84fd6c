"""Finish a PDF that Chromium printed with `tagged=True`: a document a screen reader can use, with stable bytes.

Chromium writes the structure tree (headings, lists, tables, links, figures from the page's
accessibility tree) and bookmarks from the headings, but it leaves some visible things outside the
tree: the page number footer, the boxes and rules CSS draws, glyphs from `::before`. A tagged PDF
must mark such things as artifacts, or a checker (and some screen readers) reads them as content
in no particular place. It also writes link annotations without a text alternative, the browser's
name as creator and today's date. This module fixes exactly those, after printing:

- links point to the published address, each with the link's own text as its description (/Contents);
- everything painted outside a marked-content sequence is wrapped in an /Artifact sequence;
- title, language and dates go into both the document information and XMP metadata, and the
  viewer shows the title, not the file name;
- the file identifier is derived from the content, so two builds of one commit give the same bytes.

`untagged` and `structure` read a finished PDF back; the build and the tests use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pikepdf
from pikepdf import Name, Operator, String

#: Operators that build a path, and those that end it (paint it, or only use it as a clip).
PATH_OPERATORS = {"m", "l", "c", "v", "y", "h", "re"}
PATH_ENDS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
#: Operators that paint on their own.
PAINT_OPERATORS = {"Do", "sh", "INLINE IMAGE"}
#: Operators that show text inside BT … ET.
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def _units(instructions: list) -> Iterator[tuple[bool, list]]:
    """The page's instructions in order, as (paints outside any marked content, instructions)."""
    depth = 0
    unit: list = []
    closer: set[str] | None = None
    for instruction in instructions:
        name = str(instruction.operator)
        if closer is not None:
            unit.append(instruction)
            if name in ("BDC", "BMC"):
                depth += 1  # marked content opened inside a text object: leave the whole unit alone
            elif name == "EMC":
                depth -= 1
            if name in closer:
                yield depth == 0 and not any(str(i.operator) in ("BDC", "BMC") for i in unit), unit
                unit, closer = [], None
            continue
        if name in ("BDC", "BMC"):
            depth += 1
        elif name == "EMC":
            depth -= 1
        if depth == 0 and name == "BT":
            unit, closer = [instruction], {"ET"}
        elif depth == 0 and name in PATH_OPERATORS:
            unit, closer = [instruction], PATH_ENDS
        elif depth == 0 and name in PAINT_OPERATORS:
            yield True, [instruction]
        else:
            yield False, [instruction]
    if unit:
        yield False, unit


def _paints(unit: list) -> bool:
    """A text object that shows no text, or a clip that paints nothing, need not be an artifact."""
    names = {str(instruction.operator) for instruction in unit}
    if "BT" in names:
        return bool(names & TEXT_SHOWING)
    return not (names & PATH_OPERATORS and "n" in names and not names & (PATH_ENDS - {"n"}))


def mark_artifacts(document: pikepdf.Pdf) -> int:
    """Wrap everything painted outside the structure tree in /Artifact; how many pieces were wrapped."""
    wrapped = 0
    for page in document.pages:
        instructions = pikepdf.parse_content_stream(page)
        out: list = []
        for outside, unit in _units(instructions):
            if outside and _paints(unit):
                out.append(pikepdf.ContentStreamInstruction([Name.Artifact], Operator("BMC")))
                out.extend(unit)
                out.append(pikepdf.ContentStreamInstruction([], Operator("EMC")))
                wrapped += 1
            else:
                out.extend(unit)
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(out))
    return wrapped


def untagged(pdf: Path) -> list[str]:
    """Every piece painted outside both the structure tree and an artifact, as 'page N: operators'."""
    found = []
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            for outside, unit in _units(pikepdf.parse_content_stream(page)):
                if outside and _paints(unit):
                    found.append(f"page {number}: {' '.join(str(i.operator) for i in unit[:6])}")
    return found


def structure(pdf: Path) -> list[tuple[str, str]]:
    """The structure tree in reading order, as (type, alternative text or '') per element."""
    elements: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            elements.append((str(node.S)[1:], str(node.get("/Alt", ""))))
            walk(node.get("/K"))

    with pikepdf.open(pdf) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is not None:
            walk(root.get("/K"))
    return elements


def _links(document: pikepdf.Pdf, local_base: str, published: str, texts: dict[str, str], name: str) -> None:
    for page in document.pages:
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") != Name.Link:
                continue
            action = annotation.get("/A")
            if action is None or "/URI" not in action:  # a link within the document (a contents list)
                target = str(annotation.get("/Dest") or (action.get("/D") if action is not None else "") or "")
                within = [text for href, text in texts.items() if target and href.endswith("#" + target)]
                annotation.Contents = String(within[0] if within else "Naar een ander deel van dit document")
                continue
            uri = str(action.URI)
            if uri.startswith(local_base):
                address = published + uri[len(local_base) :]
            elif uri.startswith(("http://127.0.0.1", "http://localhost")):
                raise SystemExit(f"{name}: a link points to a local address outside the site: {uri}")
            else:
                address = uri
            action.URI = String(address.encode("ascii", "strict"))  # PDF link actions are 7-bit ASCII
            annotation.Contents = String(texts.get(uri) or address)


def _metadata(document: pikepdf.Pdf, title: str, day: date) -> None:
    stamp = f"D:{day:%Y%m%d}000000Z"
    iso = f"{day:%Y-%m-%d}T00:00:00Z"
    info = pikepdf.Dictionary(
        Title=String(title), Producer=String("Werkkaarten"), Creator=String("Werkkaarten"),
        CreationDate=String(stamp), ModDate=String(stamp),
    )  # fmt: skip
    document.docinfo = document.make_indirect(info)
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:language"] = ["nl-NL"]
        meta["xmp:CreatorTool"] = "Werkkaarten"
        meta["pdf:Producer"] = "Werkkaarten"
        meta["xmp:CreateDate"] = iso
        meta["xmp:ModifyDate"] = iso
        meta["xmp:MetadataDate"] = iso
    document.Root.Lang = String("nl-NL")
    document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    document.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def finish(pdf: Path, *, local_base: str, published: str, title: str, day: date, link_texts: dict[str, str]) -> None:
    """Make a freshly printed PDF the published one (see the module's docstring)."""
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        if "/StructTreeRoot" not in document.Root:
            raise SystemExit(f"{pdf.name}: printed without a structure tree (tagged=True missing)")
        _links(document, local_base, published, link_texts, pdf.name)
        mark_artifacts(document)
        _metadata(document, title, day)
        document.save(pdf, deterministic_id=True)
