"""What a handout prints of one card or checklist: the data contract of every course pack's handout.

A course pack (lespakket) is a trainer's ordered selection of cards and checklists; the declared
pack's page and PDF (Jinja) and the ad-hoc pack's print (lespakket.js) both repeat each item from
`handout_item`, so the two cannot drift, and an item never travels without its perspective notices
and caveats. The pack rules that need the whole handbook are in validation.py; looking packs up is
Handbook's (handbook.py); a pack's entry in cards.json is export.py's.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Card, Checklist

if TYPE_CHECKING:
    from .handbook import Handbook


@dataclass(frozen=True)
class Notice:
    """A perspective notice or caveat that travels with repeated content: who speaks, and how not to
    read it ("praktijkverslag, geen onderzoek", "geen screeningsinstrument")."""

    title: str
    text: str


@dataclass(frozen=True)
class PointGroup:
    """Points of one kind under the heading of that kind ("Signalen om te bespreken")."""

    heading: str
    caveat: str
    points: list[str]
    #: Where each point comes from ("V1 · bron 003"), for a checklist's points; empty for a card.
    origins: list[str] = field(default_factory=list)
    #: Lowercase codes of the checklists that print exactly these points: a pack that has such a
    #: checklist prints the list there, once, and says so here (no list twice in a row).
    same_as: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """One block of a case's text as a handout prints it: "heading", "paragraph", "quote" or "item"."""

    kind: str
    text: str


@dataclass(frozen=True)
class HandoutItem:
    """What a handout prints of one card or checklist: the one data contract behind the declared
    pack's page and PDF (Jinja) and the ad-hoc pack's print (lespakket.js), so the two cannot drift."""

    code: str
    kind: str  # "card" or "checklist"
    label: str
    title: str
    summary: str
    #: How to use a checklist (its kind's instruction); empty for a card.
    how: str
    notices: list[Notice]
    groups: list[PointGroup]
    #: What the source says after a list of signs, under its heading, with its sources; empty when none.
    next_step_heading: str
    next_step: str
    next_step_sources: list[str]
    sources: list[str]
    #: A checklist's kind ("signs") and whether its points are numbered; "" and False for a card.
    checklist_kind: str = ""
    ordered: bool = False
    #: A case card's text in full (participants read the case the session is built on); else empty.
    case: list[Block] = field(default_factory=list)


#: The card type whose text a handout prints in full.
CASE_TYPE = "casus"
_MACRO = re.compile(r"\{\{\s*card_link\((.*?)\)\s*\}\}")
_ATTRIBUTES = re.compile(r"\s*\{:?\s*[#.][^}]*\}")
_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)\*"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
]


def _linked(handbook: Handbook, args: str) -> str:
    """What `{{ card_link(...) }}` says as text: its own text, or the card's title and code."""
    call = ast.parse(f"f({args})", mode="eval").body
    assert isinstance(call, ast.Call)
    values = [ast.literal_eval(arg) for arg in call.args]
    keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    card = handbook.card(str(values[0]))
    text = str(keywords.get("text") or (values[2] if len(values) > 2 else ""))
    return f"{text} ({card.code})" if text else f"{card.title} ({card.code})"


def _plain(handbook: Handbook, markdown: str) -> str:
    text = _MACRO.sub(lambda m: _linked(handbook, m.group(1)), markdown)
    text = _ATTRIBUTES.sub("", text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def case_blocks(handbook: Handbook, body: str) -> list[Block]:
    """A case's Markdown body as plain blocks of text: what it says, without its markup or links
    (a card link becomes the card's title and code, as a reader on paper needs it)."""
    blocks: list[tuple[str, list[str]]] = []
    body = re.sub(r"\{#.*?#\}", "", body, flags=re.DOTALL)
    for line in body.splitlines():
        stripped = line.strip()
        last = blocks[-1] if blocks else None
        if not stripped:
            blocks.append(("", []))
        elif heading := re.match(r"#{2,6}\s+(.*)", stripped):
            blocks.append(("heading", [heading.group(1)]))
        elif stripped.startswith(">"):
            if last and last[0] == "quote" and last[1]:
                last[1].append(stripped.lstrip("> "))
            else:
                blocks.append(("quote", [stripped.lstrip("> ")]))
        elif item := re.match(r"(?:[-*+]|\d+\.)\s+(.*)", stripped):
            blocks.append(("item", [item.group(1)]))
        elif stripped.startswith("|"):
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                blocks.append(("paragraph", [" · ".join(cells)]))
        elif (
            last
            and last[0] in ("paragraph", "item", "quote")
            and last[1]
            and (line[:1] == " " or last[0] == "paragraph")
        ):
            last[1].append(stripped)
        else:
            blocks.append(("paragraph", [stripped]))
    found = [Block(kind, _plain(handbook, " ".join(lines))) for kind, lines in blocks if kind and lines]
    return [block for block in found if block.text]


def notices(handbook: Handbook, keys: list[str]) -> list[Notice]:
    """The perspective notice of every source that is not guidance (as on the card's own page)."""
    return [
        Notice(f"Perspectief: {handbook.kind_of(key).label.lower()} (bron {key})", handbook.kind_of(key).caution)
        for key in keys
        if handbook.kind_of(key).caution
    ]


def handout_item(handbook: Handbook, content: Card | Checklist) -> HandoutItem:
    """A card or checklist as a handout repeats it, with its notices and caveats.

    A card's points are its own checks (written from its source), grouped and headed by kind, with
    the kind's caveat; a card without checks lists the headings of its sections. The card's "Let op"
    and observations from the sources travel too.
    """
    sources = handbook.item_sources(content)
    found = notices(handbook, sources)
    registry = handbook.checklist_registry
    if isinstance(content, Checklist):
        kind = registry.kinds[content.kind]
        pairs = handbook.checklist_items(content)
        points = [check.text for _, check in pairs]
        origins = [f"{card.code} · bron {', '.join(check.sources)}" for card, check in pairs]
        step = content.next_step
        return HandoutItem(
            code=content.code,
            kind="checklist",
            label=f"Checklist · {kind.label}",
            title=content.title,
            summary=content.purpose,
            how=kind.how,
            notices=found,
            groups=[PointGroup("", "", points, origins)],
            next_step_heading=step.heading if step else "",
            next_step=step.text if step else "",
            next_step_sources=list(step.sources) if step else [],
            sources=sources,
            checklist_kind=content.kind,
            ordered=kind.ordered,
        )
    cautions, observations = handbook.cautions_by_status(content)
    found += [Notice("Let op", f"{c.text} (bron {', '.join(c.sources)})") for c in cautions]
    found += [
        Notice(heading, f"{c.text} (bron {', '.join(c.sources)})") for heading, items in observations for c in items
    ]
    groups: list[PointGroup] = []
    for item_kind, label in registry.item_kinds.items():
        points = [check.text for check in content.checks if check.kind == item_kind]
        if points:
            groups.append(PointGroup(label.heading, label.caveat, points, same_as=_held_by(handbook, points)))
    case = case_blocks(handbook, handbook.files[handbook.paths[content.id]].body) if content.type == CASE_TYPE else []
    if not groups and not case:  # a case in full needs no list of its headings before it
        sections = [title for _, title in handbook.sections(handbook.paths[content.id])]
        groups = [PointGroup("Op deze kaart", "", sections)] if sections else []
    return HandoutItem(
        code=content.code,
        kind="card",
        label=handbook.type_of(content).label,
        title=content.title,
        summary=content.summary,
        how="",
        notices=found,
        groups=groups,
        next_step_heading="",
        next_step="",
        next_step_sources=[],
        sources=sources,
        case=case,
    )


def _held_by(handbook: Handbook, points: list[str]) -> list[str]:
    """The checklists that print exactly these points (lowercase codes, in code order)."""
    wanted = {" ".join(p.split()) for p in points}
    return [
        checklist.code.lower()
        for checklist in handbook.ordered_checklists()
        if wanted == {" ".join(check.text.split()) for _, check in handbook.checklist_items(checklist)}
    ]
