"""Bad content stops the build with one clear line naming the file and the field; nothing is silent.

Every case breaks a copy of the minimal fixture (tests/fixture/docs: three cards, one checklist)
in one way and runs the real build (`scripts/build.py`, as `make build` does, without PDFs). It
must exit with status 1, print the expected `file: field: message` and no traceback. Each case has
a valid twin: the nearest change that is allowed, which must build. The cases hold every mutation
of the fuzz report (../shared/reviews/fuzz-2026-11-28.md, A01-A75) that is bad input, and from the
second report (fuzz-2026-12-04.md) every bad-input mutation of F4, F5, F8, F10, F11 and F14 (N04,
N11, N14, N15, N21-N23, N25, N27, N29-N32, N35, N37, N38, N42, N46, N51, N53, N55, N58, N60, N71,
N76, N78, N81) and a few payloads of code in content end to end: the rest of those payloads are
checked in process, in milliseconds, in test_content_is_data.py.

Most bad input is refused by the build's first step, the validation `define_env` runs before any page
renders. That step runs here in this process, on the same copy, with the same message the command line
prints (`macros.session.validated`): these cases are the fast tier (`make check`). The cases it lets
through (`BUILT`: MkDocs' own strict link and anchor checks) go to the real build (`scripts/build.py` in
a subprocess, the build tier), and so does the one case whose point is that the real command never ran
its code (N75). A twin is checked the same way as its bad case. Builds run two at a time (the machine
has two cores); identical trees are built once, so twins that equal the untouched fixture cost one
build between them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE_DOCS, SITE_URL, BuildResult, build, fixture_project, once_per_run

from macros.errors import HandbookError
from macros.session import validated

CARD = "docs/partnerschap/respecteer-ouders.md"
CARD2 = "docs/partnerschap/kind-centraal.md"
INTERVENTION = "docs/interventies/mediation.md"
CHECKLIST = "docs/checklists/voor-het-gesprek.md"
NEW = "docs/partnerschap/nieuwe-kaart.md"
INDEX = "docs/index.md"
SOURCES = "docs/_data/bronnen.yml"
FAMILIES = "docs/_data/families.yml"
ROLES = "docs/_data/rollen.yml"
GLOSSARY = "docs/_data/begrippen.yml"
MOVED = "docs/_data/verhuisd.yml"
BODY = "## Toelichting { #toelichting }\n"
#: File lines in the fixture card: its first heading, and a line added two lines below it.
HEADING_LINE = (FIXTURE_DOCS / "partnerschap/respecteer-ouders.md").read_text(encoding="utf-8").split("\n").index(
    BODY[:-1]
) + 1
AFTER_BODY = f"line {HEADING_LINE + 2}"
STEM = '      kind: action\n      sources: ["001"]\n      text: "Heb ik de stem'
RESPECT = '      sources: ["001"]\n      text: "Heb ik ouders'
NEXT_STEP = "  next_step: {text: Bespreek het in het team., sources: ['001']}"
REFLECTION_KIND = "  reflection:\n    label: Reflectievragen\n    how: Vragen voor jezelf.\n    items: reflection\n"
#: A third source, of a kind that may feed every list, cited by no card.
THIRD_SOURCE = (
    '  "002":\n    title: Bron twee\n    publisher: Uitgever twee\n    date: "2022"\n    authors: Auteur twee\n'
    "    kind: richtlijn\n    about: Een derde bron voor de test.\n"
)

Mutation = Callable[[Path], None]


def edit(old: str, new: str, file: str = CARD) -> Mutation:
    """Replace text that must be there (so no mutation is silently a no-op)."""

    def mutate(project: Path) -> None:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found in {file}: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write(file: str, content: str | bytes) -> Mutation:
    def mutate(project: Path) -> None:
        path = project / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def raw(file: str, change: Callable[[bytes], bytes]) -> Mutation:
    def mutate(project: Path) -> None:
        path = project / file
        path.write_bytes(change(path.read_bytes()))

    return mutate


def every(old: str, new: str, *files: str) -> Mutation:
    """Replace every occurrence in each file (each must hold it at least once)."""

    def mutate(project: Path) -> None:
        for file in files:
            path = project / file
            text = path.read_text(encoding="utf-8")
            assert old in text, f"fixture text not found in {file}: {old!r}"
            path.write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(project: Path) -> None:
        for mutation in mutations:
            mutation(project)

    return mutate


def append(file: str, text: str) -> Mutation:
    """Add text at the end of a file (a registry entry)."""

    def mutate(project: Path) -> None:
        path = project / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return mutate


def moved(old: str, new: str) -> Mutation:
    """One entry in the fixture's (empty) list of moved pages."""
    return edit("moved: {}", f"moved:\n  {old}: {new}", MOVED)


def symlink(file: str, target: str) -> Mutation:
    def mutate(project: Path) -> None:
        os.symlink(target, project / file)

    return mutate


def term(name: str, abbr: str = "null") -> str:
    """A new glossary entry (appended to the fixture's begrippen.yml)."""
    return f'- term: {name}\n  abbr: {abbr}\n  definition: Een begrip voor de test.\n  sources: ["001"]\n'


def card(card_id: str = "nieuwe-kaart", code: str = "P3", body: str = "## Over { #over }\n\nTekst.\n") -> str:
    """A new, valid card's file text; cases change one thing in it."""
    return (
        f"---\ncard:\n  id: {card_id}\n  code: {code}\n  type: principe\n  title: Nieuwe kaart\n"
        f'  summary: Een nieuwe kaart voor de test.\n  sources: ["001"]\n  reviewed: 2026-11-25\n---\n\n{body}'
    )


NEW_CHECKLIST = "docs/checklists/tweede.md"
SECOND_CHECKLIST = (
    "---\nchecklist:\n  id: tweede\n  code: CL2\n  title: Tweede lijst\n  purpose: Een tweede lijst voor de test.\n"
    "  pause: voor-een-gesprek\n  kind: do-confirm\n  items:\n    - respecteer-ouders/uitgangspunt\n"
    "    - respecteer-ouders/normen\n    - kind-centraal/uitgangspunt\n    - kind-centraal/stem\n"
    "    - mediation/veilig\n  reviewed: 2026-11-25\n---\n\n{# Gemaakt uit de front matter. #}\n"
)
BOM = b"\xef\xbb\xbf"
PACK = "docs/lespakketten/eerste.md"
PACK_ITEMS = (
    "  items:\n    - card: respecteer-ouders\n      note: Bespreek in tweetallen.\n"
    "    - checklist: voor-het-gesprek\n    - card: mediation\n"
)
NEW_PACK = "docs/lespakketten/tweede.md"
SECOND_PACK = (
    "---\nlespakket:\n  id: tweede\n  code: LP2\n  title: Tweede lespakket\n"
    "  summary: Een tweede lespakket voor de test.\n  audience: Opleiders\n  duration: Een uur\n"
    "  goals: [Je kent de tweede test.]\n  items:\n    - card: kind-centraal\n  reviewed: 2026-11-25\n---\n\n"
    "{# Gemaakt uit de front matter. #}\n"
)


#: N75 of the second fuzz report: a loop that reaches os.popen, here to leave a file in the project.
MARKER = "ssti-proof.txt"
SSTI = (
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == '_wrap_close' %}"
    "{{ c.__init__.__globals__['popen']('touch " + MARKER + "').read() }}{% endif %}{% endfor %}"
)
CODE_RUNS = "Jinja that would run a shell command (N75)"


#: The fixture's list as a list of signs (every check a sign), with the next step `NEXT_STEP` names.
SIGNS = every("kind: action", "kind: sign", CARD, CARD2, INTERVENTION)


@dataclass(frozen=True)
class Case:
    bad: Mutation
    expected: tuple[str, ...]  # each must appear in the output (file, field, message)
    twin: Mutation  # the nearest valid change: must build


def case(bad: Mutation, expected: list[str], twin: Mutation | None = None) -> Case:
    return Case(bad, tuple(expected), twin or (lambda project: None))


CASES: dict[str, Case] = {
    # --- reading: one way to read every file (A01, A02, A08-A11, A59-A61, A63, A64, A66, A74) ---------
    "front matter that does not parse (A01)": case(
        edit("title: Respecteer ouders", "title: 'Respecteer ouders"),
        [CARD, "line 6", "not valid YAML"],
        edit("title: Respecteer ouders", "title: 'Respecteer ouders'"),
    ),
    "tab used for indentation (A02)": case(
        edit("  code: P1", "\tcode: P1"), [CARD, "not valid YAML"], edit("  code: P1", "  code:  P1")
    ),
    "the same field twice in a card (A74)": case(
        edit('  sources: ["001"]', '  sources: ["001"]\n  sources: ["000"]'),
        [CARD, "line", "sources: written twice"],
        edit('  sources: ["001"]', '  sources: ["001", "000"]'),
    ),
    "a checklist page with an empty body (Zensical would publish it empty)": case(
        raw(CHECKLIST, lambda text: text.split(b"\n---\n", 1)[0] + b"\n---\n"),
        [CHECKLIST, "body", "is empty"],
    ),
    "the same key twice in the source registry (A53)": case(
        edit('  "000":', '  "001":', SOURCES),
        [SOURCES, "written twice"],
        edit("title: Bron nul", "title: Bron nul, herzien", SOURCES),
    ),
    "the same type twice in the family registry (A54)": case(
        edit("  interventie:", "  principe:", FAMILIES), [FAMILIES, "principe: written twice"]
    ),
    "the same key twice in a checklist": case(
        edit("  kind: read-do", "  kind: read-do\n  kind: do-confirm", CHECKLIST),
        [CHECKLIST, "kind: written twice"],
        edit("  kind: read-do", "  kind: do-confirm", CHECKLIST),
    ),
    "byte-order mark on an existing card (A08)": case(
        raw(CARD, lambda b: BOM + b), [CARD, "file", "byte-order mark"], raw(CARD, lambda b: b + b"\n")
    ),
    "byte-order mark on a new card (A09)": case(
        write(NEW, BOM + card().encode()), [NEW, "file", "byte-order mark"], write(NEW, card())
    ),
    "byte-order mark on a registry": case(raw(GLOSSARY, lambda b: BOM + b), [GLOSSARY, "file", "byte-order mark"]),
    "a byte that is not UTF-8 (A11)": case(
        raw(CARD, lambda b: b.replace(b"samenwerken,", b"samenwerk\xebn,")),
        [CARD, AFTER_BODY, "byte 0xeb is not UTF-8"],
        raw(CARD, lambda b: b.replace(b"samenwerken,", "samenwerkën,".encode())),
    ),
    "a byte that is not UTF-8 in a registry": case(
        raw(ROLES, lambda b: b.replace(b"Wijkteam", b"Wijkt\xe9am")),
        [ROLES, "line 2", "not UTF-8"],
        raw(ROLES, lambda b: b.replace(b"Wijkteam", "Wijktéam".encode())),
    ),
    "a lone carriage return": case(
        raw(CARD, lambda b: b.replace(b"Ouders willen eerder", b"Ouders\rwillen eerder")),
        [CARD, "carriage return"],
        raw(CARD, lambda b: b.replace(b"\n", b"\r\n")),  # CRLF throughout reads as LF: allowed (A10)
    ),
    "front matter never closed (A60)": case(
        write(NEW, card().replace("---\n\n## Over", "\n## Over")),
        [NEW, "front matter", "never closed"],
        write(NEW, card()),
    ),
    "a blank line before the front matter (A61)": case(
        raw(CARD, lambda b: b"\n" + b), [CARD, "front matter", "first line"], raw(CARD, lambda b: b + b"\n\n")
    ),
    "a misspelt top-level key on a new card (A59)": case(
        write(NEW, card().replace("card:", "kaart:")), [NEW, "card", "must be a card"], write(NEW, card())
    ),
    "a misspelt top-level key on a page": case(
        edit("hide:", "verberg:", INDEX), [INDEX, "verberg", "unknown front matter key"]
    ),
    "an empty file in a card folder (A06)": case(write(NEW, ""), [NEW, "card", "must be a card"], write(NEW, card())),
    "a page without front matter in a card folder": case(
        write(NEW, "# Los\n\nTekst.\n"), [NEW, "must be a card"], write("docs/partnerschap/index.md", "# P\n\nTekst.\n")
    ),
    "card and checklist in one file (A72)": case(
        edit("  reviewed: 2026-11-25\n---", "  reviewed: 2026-11-25\nchecklist: {}\n---"),
        [CARD, "checklist", "unknown front matter key"],
    ),
    "a checklist outside the checklist folder (A33)": case(
        write("docs/over/lijst.md", SECOND_CHECKLIST),
        [
            "docs/over/lijst.md",
            "checklist",
            "unknown front matter key on a page (checklists belong in docs/checklists/",
        ],
        write(NEW_CHECKLIST, SECOND_CHECKLIST),
    ),
    "a course pack in a subfolder (N11)": case(
        write("docs/lespakketten/extra/tweede.md", SECOND_PACK),
        ["docs/lespakketten/extra/tweede.md", "lespakket", "course packs belong in docs/lespakketten/<pack id>.md"],
        write(NEW_PACK, SECOND_PACK),
    ),
    "a YAML merge key (N55, N56)": case(
        edit("  id: respecteer-ouders", "  <<: {tags: [houding]}\n  id: respecteer-ouders"),
        [CARD, "line 3", "merge keys (<<) are not supported"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap, houding]"),
    ),
    "a YAML merge key in a registry": case(
        edit("- id: wijkteam", "- <<: {about: Verwijzen.}\n  id: wijkteam", ROLES),
        [ROLES, "line 1", "merge keys (<<) are not supported"],
    ),
    "a list as a key (N60)": case(
        edit("  tags: [partnerschap]", "  ? [a, b]\n  : x\n  tags: [partnerschap]"),
        [CARD, "line 9", "a key must be plain text, not a list"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap, a-b]"),
    ),
    "a title hidden in a !!binary tag (N58)": case(
        edit("title: Respecteer ouders", "title: !!binary UmVzcGVjdGVlciBvdWRlcnM="),
        [CARD, "line 6", "the tag !!binary is not supported"],
        edit("title: Respecteer ouders", "title: !!str Respecteer ouders"),
    ),
    "a local YAML tag in a registry": case(
        edit("title: Wijkteam", "title: !rol Wijkteam", ROLES),
        [ROLES, "line 2", "the tag !rol is not supported"],
    ),
    "a symbolic link in docs (A66)": case(
        symlink("docs/partnerschap/geheim.md", "/etc/hostname"), ["docs/partnerschap/geheim.md", "symbolic link"]
    ),
    "front matter that is a list (A63)": case(
        write(NEW, "---\n- a\n- b\n---\n\nTekst.\n"), [NEW, "front matter", "mapping"], write(NEW, card())
    ),
    "a YAML tag that would run code (A64)": case(
        edit("  tags: [partnerschap]", "  tags: !!python/object/apply:os.system ['true']"),
        [CARD, "not valid YAML"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap, houding]"),
    ),
    "card: key with no value (A62)": case(write(NEW, "---\ncard:\n---\n"), [NEW, "card", "valid dictionary"]),
    # --- the card model (A03-A05, A12-A17, A23-A27, A71) --------------------------------------------
    "missing required field": case(
        edit("  summary: Ouders willen eerder samenwerken als zij zich gerespecteerd voelen.\n", ""),
        [CARD, "card.summary", "required field is missing"],
    ),
    "unknown field": case(
        edit("  tags:", "  tagz: [x]\n  tags:"),
        [CARD, "card.tagz", "unknown field"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap, xy]"),
    ),
    "title of the wrong type (A03)": case(
        edit("title: Respecteer ouders", "title: [Respecteer, ouders]"), [CARD, "card.title", "valid string"]
    ),
    "id of the wrong type (A04)": case(edit("  id: respecteer-ouders", "  id: 12"), [CARD, "card.id", "valid string"]),
    "id of the wrong form (A13-A16)": case(
        edit("id: respecteer-ouders", "id: Respecteer_Ouders"), [CARD, "card.id", "should match pattern"]
    ),
    "id too long (A17)": case(edit("id: respecteer-ouders", "id: " + "a" * 41), [CARD, "card.id", "at most 40"]),
    "title too long (A12)": case(
        edit("title: Respecteer ouders", "title: " + "R" * 121),
        [CARD, "card.title", "at most 120 characters, not 121"],
        edit("title: Respecteer ouders", "title: " + "R" * 120),
    ),
    "a pack note too long, counted in characters (N04)": case(
        edit("note: Bespreek in tweetallen.", "note: " + "x" * 201, PACK),
        [PACK, "lespakket.items.0.note", "String should have at most 200 characters, not 201"],
        edit("note: Bespreek in tweetallen.", "note: " + "x" * 200, PACK),
    ),
    "an empty glossary definition (N27)": case(
        edit("  definition: Advies- en meldpunt huiselijk geweld en kindermishandeling.", '  definition: ""', GLOSSARY),
        [GLOSSARY, "1.definition", "String should have at least 10 characters, not 0"],
    ),
    "a right-to-left override in a title (N46)": case(
        edit("  title: Respecteer ouders", '  title: "Respecteer \\u202eouders"'),
        [CARD, "card.title", "bidirectional control U+202E"],
        edit("  title: Respecteer ouders", '  title: "Respecteer \\u00e9\\u00e9n ouder"'),
    ),
    "a right-to-left mark in a glossary term": case(
        edit("- term: Veilig Thuis", '- term: "Veilig\\u200f Thuis"', GLOSSARY),
        [GLOSSARY, "1.term", "bidirectional control U+200F"],
    ),
    "a next review more than three years ahead (N42)": case(
        edit("  reviewed: 2026-11-25", "  reviewed: 2026-11-25\n  next_review: 2199-01-01"),
        [CARD, "card", "next_review may be at most 3 years after reviewed (2029-11-25 at the latest)"],
        edit("  reviewed: 2026-11-25", "  reviewed: 2026-11-25\n  next_review: 2029-11-25"),
    ),
    "a source cited twice (N53)": case(
        edit('  sources: ["001"]', '  sources: ["001", "001"]'),
        [CARD, "card.sources.1", "'001' is listed twice"],
        edit('  sources: ["001"]', '  sources: ["001", "000"]'),
    ),
    # --- search terms: words from practice, for search only (issue 22, F3) ------------------------------
    "a search term in capitals": case(
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [Ouderschapsplan]"),
        [CARD, "card.search_terms.0", "should match pattern"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [ouderschapsplan]"),
    ),
    "a search term with markup": case(
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: ['<b>plan</b>']"),
        [CARD, "card.search_terms.0", "should match pattern"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [plan]"),
    ),
    "a search term given twice": case(
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [omgang weigeren, omgang weigeren]"),
        [CARD, "card.search_terms.1", "'omgang weigeren' is listed twice"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [omgang weigeren, contact weigeren]"),
    ),
    "a search term the title already holds": case(
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [respecteer]"),
        [CARD, "card.search_terms.0", "'respecteer' is already in the title or summary"],
        edit("  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [respectvol]"),
    ),
    "too many search terms": case(
        edit(
            "  tags: [partnerschap]",
            "  tags: [partnerschap]\n  search_terms: [aa1, aa2, aa3, aa4, aa5, aa6, aa7, aa8, aa9]",
        ),
        [CARD, "card.search_terms", "at most 8 items"],
        edit(
            "  tags: [partnerschap]", "  tags: [partnerschap]\n  search_terms: [aa1, aa2, aa3, aa4, aa5, aa6, aa7, aa8]"
        ),
    ),
    "a checklist search term its moment already holds": case(
        edit("  kind: read-do", "  kind: read-do\n  search_terms: [gesprek]", CHECKLIST),
        [CHECKLIST, "checklist.search_terms.0", "'gesprek' is already in the title or summary"],
        edit("  kind: read-do", "  kind: read-do\n  search_terms: [intake]", CHECKLIST),
    ),
    "a tag given twice (N53)": case(
        edit("tags: [partnerschap]", "tags: [partnerschap, houding, partnerschap]"),
        [CARD, "card.tags.2", "'partnerschap' is listed twice"],
        edit("tags: [partnerschap]", "tags: [partnerschap, houding]"),
    ),
    "a related card named twice (N51)": case(
        edit("related: [kind-centraal]", "related: [kind-centraal, kind-centraal]"),
        [CARD, "card.related.1", "'kind-centraal' is listed twice"],
    ),
    "a role given twice": case(
        edit("roles: [wijkteam]", "roles: [wijkteam, wijkteam]"), [CARD, "card.roles.1", "'wijkteam' is listed twice"]
    ),
    "a check's source given twice": case(
        edit(RESPECT, RESPECT.replace('["001"]', '["001", "001"]')),
        [CARD, "card.checks.0.sources.1", "'001' is listed twice"],
    ),
    "summary of two sentences": case(
        edit("gerespecteerd voelen.", "gerespecteerd voelen. Dat is belangrijk."),
        [CARD, "card.summary", "one sentence"],
        edit("gerespecteerd voelen.", "gerespecteerd voelen, zegt de bron."),
    ),
    "summary on two lines (A71)": case(
        edit("  summary: Ouders willen", "  summary: |\n    Ouders\n    willen"), [CARD, "card.summary", "one"]
    ),
    "title with a line break": case(
        edit("  title: Respecteer ouders", '  title: "Respecteer\\nouders"'),
        [CARD, "card.title", "one line of text"],
        edit("  title: Respecteer ouders", '  title: "Respecteer ouders (en kinderen)"'),
    ),
    "an impossible date (A24)": case(
        edit("  reviewed: 2026-11-25", "  reviewed: 2026-13-40"),
        [CARD, "card.reviewed", "valid date"],
        edit("  reviewed: 2026-11-25", "  reviewed: 2026-02-28"),
    ),
    "a date in the wrong format (A25)": case(
        edit("  reviewed: 2026-11-25", "  reviewed: 25-11-2026"), [CARD, "card.reviewed", "valid date"]
    ),
    "reviewed in the future (A26)": case(
        edit("  reviewed: 2026-11-25", "  reviewed: 2099-01-01"), [CARD, "card.reviewed", "in the future"]
    ),
    "next review before the review (A27)": case(
        edit("  reviewed: 2026-11-25", "  reviewed: 2026-11-25\n  next_review: 2020-01-01"),
        [CARD, "card", "next_review must come after reviewed"],
        edit("  reviewed: 2026-11-25", "  reviewed: 2026-11-25\n  next_review: 2027-06-01"),
    ),
    "a source key written as a number (A23)": case(
        edit('  sources: ["001"]', "  sources: [001]"), [CARD, "card.sources.0", "valid string"]
    ),
    "a change dated in the future": case(
        edit(
            "  reviewed: 2026-11-25",
            "  reviewed: 2026-11-25\n  changes:\n    - date: 2099-01-01\n      summary: Later aangevuld.",
        ),
        [CARD, "card.changes.0.date", "in the future"],
        edit(
            "  reviewed: 2026-11-25",
            "  reviewed: 2026-11-26\n  changes:\n    - date: 2026-11-26\n      summary: Voorbeeld aangevuld.",
        ),
    ),
    # --- references between cards (A05, A18-A22, A30, A34, A58, A67, A68) -----------------------
    "the same id in two files (A19)": case(
        edit("id: kind-centraal", "id: respecteer-ouders", CARD2),
        [CARD2, "card.id", "'respecteer-ouders' is already used by", CARD],
    ),
    "the same code on two cards (A18)": case(
        edit("code: P2", "code: P1", CARD2),
        [CARD2, "card.code", "'P1' is already used by"],
        edit("code: P2", "code: P9", CARD2),
    ),
    "related names a card that does not exist (A58)": case(
        edit("related: [kind-centraal]", "related: [bestaat-niet]"),
        [CARD, "card.related.0", "'bestaat-niet' is not a card id"],
    ),
    "related names itself (A20)": case(
        edit("related: [kind-centraal]", "related: [respecteer-ouders]"), [CARD, "card.related.0", "itself"]
    ),
    "an unknown source (A22)": case(
        edit('sources: ["001"]', 'sources: ["009"]'), [CARD, "card.sources.0", "'009' is not a source key"]
    ),
    "a caution with an unknown source": case(
        edit('      sources: ["001"]', '      sources: ["009"]', INTERVENTION),
        [INTERVENTION, "card.cautions.0.sources.0"],
    ),
    "an unknown card type (A68)": case(
        edit("type: principe", "type: methode"), [CARD, "card.type", "'methode' is not a card type"]
    ),
    "a card in the wrong folder (A34)": case(
        lambda p: (p / CARD).rename(p / "docs/interventies/respecteer-ouders.md"),
        [
            "docs/interventies/respecteer-ouders.md",
            "card.id",
            "must be the file docs/partnerschap/respecteer-ouders.md",
        ],
    ),
    "a code that does not fit the type": case(edit("code: P1", "code: I7"), [CARD, "card.code", "must be P"]),
    "an unknown role": case(
        edit("roles: [wijkteam]", "roles: [kapper]"), [CARD, "card.roles.0", "'kapper' is not a role"]
    ),
    "a question that is not a vraagstuk card": case(
        edit("  roles: [wijkteam]", "  roles: [wijkteam]\n  questions: [kind-centraal]"),
        [CARD, "card.questions.0", "vraagstuk"],
    ),
    "a check pointing at a heading that does not exist": case(
        edit("section: toelichting\n    - id: normen", "section: bestaat-niet\n    - id: normen"),
        [CARD, "card.checks.0.section", "'bestaat-niet' is not the anchor of a heading"],
        edit("section: toelichting\n    - id: normen", "section: voorbeeldvragen\n    - id: normen"),
    ),
    "the same check id twice on a card": case(
        edit("id: normen", "id: uitgangspunt"), [CARD, "card.checks.1.id", "twice"]
    ),
    "a check on no checklist": case(
        edit(
            "      section: toelichting\n  reviewed",
            "      section: toelichting\n    - {id: extra, kind: action, sources: ['001'], text: Nog een vraag?}"
            "\n  reviewed",
        ),
        [CARD, "card.checks.2", "'extra' is on no checklist"],
    ),
    "a case moment that is not a heading (A67)": case(
        edit(
            "  reviewed: 2026-11-25",
            "  moments:\n    - {id: nergens, title: Nergens, illustrates: [kind-centraal]}\n  reviewed: 2026-11-25",
        ),
        [CARD, "card.moments.0.id", "'nergens' is not the anchor of a heading"],
        edit(
            "  reviewed: 2026-11-25",
            "  moments:\n    - {id: toelichting, title: Uitleg, illustrates: [kind-centraal]}\n  reviewed: 2026-11-25",
        ),
    ),
    # --- checklists (A28-A33) -------------------------------------------------------------------
    "a checklist item on a card that does not exist": case(
        edit("- respecteer-ouders/uitgangspunt", "- bestaat-niet/uitgangspunt", CHECKLIST),
        [CHECKLIST, "checklist.items.0", "'bestaat-niet/uitgangspunt' is not a check on a card"],
    ),
    "a checklist item that is not a check (A30)": case(
        edit("- respecteer-ouders/uitgangspunt", "- respecteer-ouders/bestaat-niet", CHECKLIST),
        [CHECKLIST, "checklist.items.0", "is not a check on a card"],
    ),
    "the same item twice (A31)": case(
        edit("- respecteer-ouders/normen", "- respecteer-ouders/uitgangspunt", CHECKLIST),
        [CHECKLIST, "checklist.items.1", "listed twice"],
    ),
    "a checklist with four items (A28)": case(
        edit("    - mediation/veilig\n", "", CHECKLIST),
        [CHECKLIST, "checklist.items", "at least 5"],
    ),
    "an unknown checklist kind (A32)": case(
        edit("kind: read-do", "kind: lezen", CHECKLIST),
        [CHECKLIST, "checklist.kind"],
        edit("kind: read-do", "kind: do-confirm", CHECKLIST),
    ),
    "an unknown pause point": case(
        edit("pause: voor-een-gesprek", "pause: koffie", CHECKLIST),
        [CHECKLIST, "checklist.pause", "'koffie' is not a pause"],
    ),
    "a checklist file named after another id": case(
        edit("id: voor-het-gesprek", "id: na-het-gesprek", CHECKLIST),
        [CHECKLIST, "checklist.id", "must be docs/checklists/na-het-gesprek.md"],
    ),
    "two checklists with one code": case(
        write(NEW_CHECKLIST, SECOND_CHECKLIST.replace("CL2", "CL1")),
        [NEW_CHECKLIST, "checklist.code", "'CL1' is already used"],
        write(NEW_CHECKLIST, SECOND_CHECKLIST),
    ),
    "a checklist reviewed in the future": case(
        edit("  reviewed: 2026-11-25", "  reviewed: 2099-11-25", CHECKLIST), [CHECKLIST, "checklist.reviewed", "future"]
    ),
    # --- what a list may hold (issue 11): items fit the list's kind and come from a text that may feed it ---
    "an item that does not fit the list's kind": case(
        edit(STEM, STEM.replace("action", "question"), CARD2),
        [CHECKLIST, "checklist.items.3", "'kind-centraal/stem' is a question; a read-do list holds action items only"],
        both(
            every("kind: action", "kind: question", CARD, CARD2, INTERVENTION),
            edit("  kind: read-do", "  kind: conversation", CHECKLIST),
        ),
    ),
    "an experience story feeding an instruction list": case(
        edit(STEM, STEM.replace("001", "000"), CARD2),
        [
            CHECKLIST,
            "checklist.items.3",
            "comes from 000 (ervaringsverhaal van een ouder), which may feed reflection lists only",
        ],
        both(
            edit(STEM, STEM.replace("001", "000"), CARD2),
            every("kind: action", "kind: reflection", CARD, CARD2, INTERVENTION),
            edit("  kind: read-do", "  kind: reflection", CHECKLIST),
        ),
    ),
    "a check whose source is not its card's": case(
        edit(RESPECT, RESPECT.replace("001", "000")),
        [CARD, "card.checks.0.sources.0", "'000' is not one of this card's sources"],
    ),
    "two checks in one item": case(
        edit('"Heb ik ouders gerespecteerd?"', '"Heb ik ouders en/of kinderen gerespecteerd?"'),
        [CARD, "card.checks.0.text", "one check per item"],
        edit('"Heb ik ouders gerespecteerd?"', '"Heb ik ouders en kinderen gerespecteerd?"'),
    ),
    "two questions in one item": case(
        edit('"Heb ik ouders gerespecteerd?"', '"Heb ik ouders gerespecteerd? Gaf ik complimenten?"'),
        [CARD, "card.checks.0.text", "one question"],
    ),
    "a list of signs without a next step": case(
        both(
            edit("  kind: read-do", "  kind: signs", CHECKLIST),
            every("kind: action", "kind: sign", CARD, CARD2, INTERVENTION),
        ),
        [CHECKLIST, "checklist", "a list of signs needs next_step"],
        both(
            edit("  kind: read-do", "  kind: signs\n" + NEXT_STEP, CHECKLIST),
            every("kind: action", "kind: sign", CARD, CARD2, INTERVENTION),
        ),
    ),
    "a next step on a list that is not about signs": case(
        edit("  kind: read-do", "  kind: read-do\n" + NEXT_STEP, CHECKLIST),
        [CHECKLIST, "checklist", "next_step belongs to a list of signs"],
    ),
    "a next step from a parent's story on a list of signs (N14)": case(
        both(edit("  kind: read-do", "  kind: signs\n" + NEXT_STEP.replace("'001'", "'000'"), CHECKLIST), SIGNS),
        [
            CHECKLIST,
            "checklist.next_step.sources.0",
            "'000' (ervaringsverhaal van een ouder) may feed reflection lists only",
        ],
        both(edit("  kind: read-do", "  kind: signs\n" + NEXT_STEP, CHECKLIST), SIGNS),
    ),
    "a next step from a source none of the list's cards cites (N15)": case(
        both(
            edit("  kind: read-do", "  kind: signs\n" + NEXT_STEP.replace("'001'", "'002'"), CHECKLIST),
            SIGNS,
            append(SOURCES, THIRD_SOURCE),
        ),
        [CHECKLIST, "checklist.next_step.sources.0", "'002' is not a source of the cards this list's items come from"],
        both(edit("  kind: read-do", "  kind: signs\n" + NEXT_STEP, CHECKLIST), SIGNS, append(SOURCES, THIRD_SOURCE)),
    ),
    "a kind of list whose items do not fit its meaning (N21)": case(
        edit("    items: sign\n", "    items: action\n", "docs/_data/checklists.yml"),
        ["docs/_data/checklists.yml", "kinds.signs.items", "a signs list holds sign items"],
        edit(
            "    items: action\n    ordered: true", "    items: action\n    ordered: false", "docs/_data/checklists.yml"
        ),
    ),
    "a kind of list the registry does not describe": case(
        edit(REFLECTION_KIND, "", "docs/_data/checklists.yml"),
        ["docs/_data/checklists.yml", "kinds", "missing: ['reflection']"],
    ),
    # --- registries and addresses (A51, A52, A55-A57, B02) ---------------------------------------
    "an empty source registry (A51)": case(write(SOURCES, ""), [SOURCES, "must be a mapping"]),
    "an empty role registry (A52)": case(write(ROLES, ""), [ROLES, "must be a list"]),
    "a source with a field the model does not have (B02)": case(
        edit("    about: Een bron voor de testkaarten.", "    about: Een bron.\n    url: javascript:alert(1)", SOURCES),
        [SOURCES, "sources.001.url", "unknown field"],
    ),
    "the same abbreviation twice (A56)": case(
        edit("  abbr: null", "  abbr: MDA", GLOSSARY),
        [GLOSSARY, "'MDA' is defined twice"],
        edit("  abbr: null", "  abbr: VT", GLOSSARY),
    ),
    "a glossary source listed as defining and as only mentioning the term": case(
        edit(
            '  sources: ["001"]\n- term: Veilig Thuis',
            '  sources: ["001"]\n  also_in: ["001"]\n- term: Veilig Thuis',
            GLOSSARY,
        ),
        [GLOSSARY, "0.also_in.0", "is in sources already"],
        edit(
            '  sources: ["001"]\n- term: Veilig Thuis',
            '  sources: ["001"]\n  also_in: ["000"]\n- term: Veilig Thuis',
            GLOSSARY,
        ),
    ),
    "a glossary definition on two lines": case(
        edit(
            "  definition: Advies- en meldpunt huiselijk geweld en kindermishandeling.",
            '  definition: "Advies- en meldpunt\\n*[X]: ingevoegd"',
            GLOSSARY,
        ),
        [GLOSSARY, "definition", "one line"],
    ),
    "a source of a kind of text the registry does not describe (N35)": case(
        edit("    kind: richtlijn", "    kind: blog", SOURCES),
        [SOURCES, "sources.001.kind", "'blog' is not a kind of text in kinds"],
        both(
            edit("    kind: richtlijn", "    kind: blog", SOURCES),
            edit("kinds:\n", "kinds:\n  blog:\n    label: Blog\n", SOURCES),
        ),
    ),
    "a card type in a family that does not exist (N37)": case(
        edit("family: interventies}", "family: interventiez}", FAMILIES),
        [FAMILIES, "types.interventie.family", "'interventiez' is not a family in families"],
    ),
    "a role no card names (N38)": case(
        append(ROLES, "- id: kapper\n  title: Kapper\n  about: Knippen en luisteren.\n"),
        [ROLES, "1.id", "no card names the role 'kapper'"],
        both(
            append(ROLES, "- id: kapper\n  title: Kapper\n  about: Knippen en luisteren.\n"),
            edit("roles: [wijkteam]", "roles: [wijkteam, kapper]"),
        ),
    ),
    "a glossary term twice, once decomposed (N22)": case(
        append(GLOSSARY, term("Coördinatie") + term("Coo\u0308rdinatie")),
        [GLOSSARY, "3", "'Coo\u0308rdinatie' is defined twice: entry 2 ('Coördinatie') is the same term"],
        append(GLOSSARY, term("Coördinatie")),
    ),
    "a glossary term twice, once with a no-break space (N23)": case(
        append(GLOSSARY, term("Veilig\u00a0thuis")),
        [GLOSSARY, "2", "'Veilig\u00a0thuis' is defined twice"],
        append(GLOSSARY, term("Veilig thuis-regio")),
    ),
    "an abbreviation that shadows another (N25)": case(
        append(GLOSSARY, term("Multidisciplinaire aanpak plus", "MDA++")),
        [GLOSSARY, "2.abbr", "'MDA++' is the abbreviation 'MDA' of entry 0"],
        append(GLOSSARY, term("Multidisciplinair overleg", "MDO")),
    ),
    "a glossary source given twice": case(
        edit('  sources: ["001"]\n- term: Veilig Thuis', '  sources: ["001", "001"]\n- term: Veilig Thuis', GLOSSARY),
        [GLOSSARY, "0.sources.1", "'001' is listed twice"],
    ),
    "a card type with the checklists' prefix (A57)": case(
        edit("prefix: I, family", "prefix: CL, family", FAMILIES),
        [FAMILIES, "types.interventie", "reserved for checklists"],
    ),
    "two card types with one prefix": case(
        edit("prefix: I, family", "prefix: P, family", FAMILIES), [FAMILIES, "share the prefix P"]
    ),
    "a safety card that does not exist": case(
        edit("family: interventies}", "family: interventies, safety_first: veilig-genoeg}", FAMILIES),
        [FAMILIES, "types.interventie.safety_first", "'veilig-genoeg' is not a card id"],
        edit("family: interventies}", "family: interventies, safety_first: respecteer-ouders}", FAMILIES),
    ),
    "a moved page that still exists": case(
        edit("moved: {}", "moved:\n  rollen.md: index.md", MOVED),
        [MOVED, "moved.rollen.md", "still exists"],
        edit("moved: {}", "moved:\n  oude-rollen.md: rollen.md", MOVED),
    ),
    "a moved page to nowhere": case(
        edit("moved: {}", "moved:\n  oud.md: nergens.md", MOVED), [MOVED, "moved.oud.md", "'nergens.md' is not a page"]
    ),
    "a moved page on a short link's address": case(
        edit("moved: {}", "moved:\n  k/p1.md: rollen.md", MOVED),
        [MOVED, "moved.k/p1.md", "this is the short link of docs/partnerschap/respecteer-ouders.md"],
        edit("moved: {}", "moved:\n  k/p9.md: partnerschap/respecteer-ouders.md", MOVED),
    ),
    "a moved page on a card's address (N29)": case(
        moved("partnerschap/respecteer-ouders/index.md", "rollen.md"),
        [
            MOVED,
            "moved.partnerschap/respecteer-ouders/index.md",
            "is the address of docs/partnerschap/respecteer-ouders.md",
        ],
        moved("partnerschap/oud-respect/index.md", "partnerschap/respecteer-ouders.md"),
    ),
    "a moved page on a short link's address, as a folder (N30)": case(
        moved("k/p1/index.md", "rollen.md"),
        [MOVED, "moved.k/p1/index.md", "its address k/p1/ is the short link of docs/partnerschap/respecteer-ouders.md"],
        moved("k/p9/index.md", "rollen.md"),
    ),
    "a moved page on the ad-hoc pack page's address (N31)": case(
        moved("lespakket/index.md", "rollen.md"),
        [MOVED, "moved.lespakket/index.md", "its address lespakket/ is the address of docs/lespakket.md"],
        moved("lespakket-oud.md", "lespakket.md"),
    ),
    "a moved page on a family index's address (N32)": case(
        moved("partnerschap.md", "rollen.md"),
        [MOVED, "moved.partnerschap.md", "its address partnerschap/ is the address of docs/partnerschap/index.md"],
        moved("partnerschap-oud.md", "partnerschap/index.md"),
    ),
    "a moved page on a course pack's address": case(
        moved("lespakketten/eerste/index.md", "rollen.md"),
        [MOVED, "moved.lespakketten/eerste/index.md", "is the address of docs/lespakketten/eerste.md"],
    ),
    "two moved pages with one address": case(
        edit("moved: {}", "moved:\n  oud.md: rollen.md\n  oud/index.md: index.md", MOVED),
        [MOVED, "moved.oud/index.md", "its address oud/ is also the address of moved.oud.md"],
        edit("moved: {}", "moved:\n  oud.md: rollen.md\n  ouder/index.md: index.md", MOVED),
    ),
    # --- what a body may hold (A45, A46, A48-A50, A70, A73, A75) -------------------------------------
    "a script in a card body (A45)": case(
        edit(BODY, BODY + "\n<script>alert(1)</script>\n"),
        [CARD, AFTER_BODY, "raw HTML <script> is not allowed"],
        edit(BODY, BODY + "\n`<script>` hoort niet in een kaart.\n"),
    ),
    "angle brackets in a card body (A75)": case(
        edit(BODY, BODY + "\nSignalen bij <jonge kinderen>.\n"),
        [CARD, "raw HTML <jonge>"],
        edit(BODY, BODY + "\nSignalen bij &lt;jonge kinderen&gt;.\n"),
    ),
    "an event handler on a page": case(
        edit("# Testhandboek", '# Testhandboek\n\n<div class="x" onclick="alert(1)">x</div>', INDEX),
        [INDEX, "event handler (onclick=)"],
        edit("# Testhandboek", '# Testhandboek\n\n<div class="x">x</div>', INDEX),
    ),
    "a frame from another host on a page (A45)": case(
        edit("# Testhandboek", '# Testhandboek\n\n<iframe src="https://evil.example/"></iframe>', INDEX),
        [INDEX, "<iframe> is not allowed"],
    ),
    "an image from another host (A46)": case(
        edit(BODY, BODY + "\n![x](https://tracker.example/p.gif)\n"),
        [CARD, "image from another host"],
        edit(BODY, BODY + "\n[x](https://www.nji.nl/)\n"),
    ),
    "a javascript: link (A73)": case(
        edit(BODY, BODY + "\n[x](javascript:alert(1))\n"), [CARD, "'javascript:' address is not allowed"]
    ),
    "a javascript: reference link": case(
        edit(BODY, BODY + "\n[x][y]\n\n[y]: javascript:alert(1)\n"), [CARD, "'javascript:' address is not allowed"]
    ),
    "a second H1 in a card body (A70)": case(
        edit(BODY, "# Nog een titel\n\n" + BODY),
        [CARD, f"line {HEADING_LINE}", "single #"],
        edit(BODY, "## Inleiding { #inleiding }\n\n" + BODY),
    ),
    "a heading without an anchor (A50)": case(
        edit(BODY, BODY + "\n## Kopje zonder anker\n"),
        [CARD, "has no anchor"],
        edit(BODY, BODY + "\n## Kopje { #kopje }\n"),
    ),
    "a reserved anchor (A48)": case(
        edit(BODY, BODY + "\n## Bron { #bron }\n"),
        [CARD, "#bron is reserved"],
        edit(BODY, BODY + "\n## Bron { #oorsprong }\n"),
    ),
    "the same anchor twice (A49)": case(
        edit(BODY, BODY + "\n## Dubbel { #toelichting }\n"), [CARD, "#toelichting is used twice"]
    ),
    # --- macros (A35-A39, A41, A42) ----------------------------------------------------------------
    "an unknown macro": case(
        edit(BODY, BODY + "\n{{ kaart_link('x') }}\n"),
        [CARD, AFTER_BODY, "'kaart_link' is not a macro"],
        edit(BODY, BODY + "\n{{ card_link('mediation') }}\n"),
    ),
    "an undefined variable (A35)": case(
        edit(BODY, BODY + "\n{{ onbekende_variabele }}\n"), [CARD, "'onbekende_variabele' is not a macro"]
    ),
    "a macro without its argument (A37)": case(
        edit(BODY, BODY + "\n{{ card_link() }}\n"), [CARD, AFTER_BODY, "card_link: missing a required argument"]
    ),
    "a macro with a number for an id (A38)": case(
        edit(BODY, BODY + "\n{{ card_link(123) }}\n"), [CARD, "card_link: card_id must be text"]
    ),
    "a macro with an unknown option (A39)": case(
        edit('{{ card_grid(type="principe") }}', "{{ card_grid(kleur='rood') }}", "docs/partnerschap/index.md"),
        ["docs/partnerschap/index.md", "card_grid: got an unexpected keyword argument 'kleur'"],
        edit('{{ card_grid(type="principe") }}', "{{ card_grid(tag='partnerschap') }}", "docs/partnerschap/index.md"),
    ),
    "card_link to a card that does not exist": case(
        edit(BODY, BODY + "\n{{ card_link('bestaat-niet') }}\n"), [CARD, "card_link: 'bestaat-niet' is not a card id"]
    ),
    "card_link to a heading that does not exist (A40)": case(
        edit(BODY, BODY + "\n{{ card_link('mediation', 'bestaat-niet') }}\n"),
        [CARD, "card_link: 'bestaat-niet' is not the anchor of a heading on I1"],
        edit(BODY, BODY + "\n{{ card_link('mediation', 'wanneer') }}\n"),
    ),
    "a broken macro block (A36)": case(edit(BODY, BODY + "\n{% for %}\n"), [CARD, AFTER_BODY, "macro syntax"]),
    "literal braces meant as text (A41)": case(
        edit(BODY, BODY + "\nGebruik {{ zo\n"),
        [CARD, "macro syntax"],
        edit(BODY, BODY + "\nGebruik {% raw %}{{ zo{% endraw %}\n"),
    ),
    # --- content is data, never code (fuzz-2026-12-04 F1, F2, F9; every payload in test_content_is_data.py) ---
    CODE_RUNS: case(
        edit(BODY, BODY + "\nRCE:" + SSTI + "\n"),
        [CARD, AFTER_BODY, "{% for %} is not allowed"],
        edit(BODY, BODY + "\n{{ card_link('mediation') }}\n"),
    ),
    "raw HTML printed by a Jinja expression in a card (N85)": case(
        edit(BODY, BODY + """\n{{ '<a href="java&#x09;script:alert(document.domain)">klik</a>' }}\n"""),
        [CARD, AFTER_BODY, "printed by itself"],
        edit(BODY, BODY + "\n[x](https://www.nji.nl/)\n"),
    ),
    "Jinja in a family's title, which becomes a navigation title": case(
        edit("title: Partnerschap", 'title: "Partnerschap {{ 3*3 }}"', FAMILIES),
        [FAMILIES, "families.0.title", "Jinja is not allowed in data"],
    ),
    "a macro through a variable (N76)": case(
        edit(BODY, BODY + "\n{% set f = card_link %}{{ f('kind-centraal') }}\n"),
        [CARD, AFTER_BODY, "{% set %} is not allowed"],
        edit(BODY, BODY + "\n{{ card_link('kind-centraal') }}\n"),
    ),
    "an include (N78)": case(
        edit(BODY, BODY + "\n{% include 'bestaat-niet.md' %}\n"), [CARD, AFTER_BODY, "{% include %} is not allowed"]
    ),
    "an image tag with slashes for spaces (N71)": case(
        edit(BODY, BODY + "\n<img/src=x/onerror=alert(1)>\n"),
        [CARD, AFTER_BODY, "raw HTML <img> is not allowed in a card"],
        edit(BODY, BODY + "\n`<img/src=x>` hoort niet in een kaart.\n"),
    ),
    "an svg with slashes for spaces (N81)": case(
        edit(BODY, BODY + "\n<svg/onload=alert(1)>\n"), [CARD, AFTER_BODY, "raw HTML <svg> is not allowed in a card"]
    ),
    "a tab entity inside javascript: on a page (N73)": case(
        edit("# Testhandboek", '# Testhandboek\n\n<a href="java&#x09;script:alert(document.domain)">klik</a>', INDEX),
        [INDEX, "line", "<a href> points to a 'javascript:' address"],
        edit("# Testhandboek", '# Testhandboek\n\n<a href="https://www.nji.nl/">klik</a>', INDEX),
    ),
    "a reserved anchor from an attribute list (N69)": case(
        edit(BODY, BODY + "\nEen alinea.\n{: #bron }\n"),
        [CARD, f"line {HEADING_LINE + 3}", "the anchor #bron is reserved"],
        edit(BODY, BODY + "\nEen alinea.\n{: #oorsprong }\n"),
    ),
    # --- course packs (lespakketten, issue 14) -------------------------------------------------------
    "a pack item that is not a card": case(
        edit("    - card: mediation\n", "    - card: bestaat-niet\n", PACK),
        [PACK, "lespakket.items.2.card", "'bestaat-niet' is not a card id"],
        edit("    - card: mediation\n", "    - card: kind-centraal\n", PACK),
    ),
    "a checklist id named as a card in a pack": case(
        edit("    - card: mediation\n", "    - card: voor-het-gesprek\n", PACK),
        [PACK, "lespakket.items.2.card", "'voor-het-gesprek' is not a card id"],
    ),
    "the same item twice in a pack": case(
        edit("    - card: mediation\n", "    - card: respecteer-ouders\n", PACK),
        [PACK, "lespakket.items.2.card", "'respecteer-ouders' is in this pack twice"],
    ),
    "an empty pack": case(
        edit(PACK_ITEMS, "  items: []\n", PACK),
        [PACK, "lespakket.items", "List should have at least 1 item"],
        edit(PACK_ITEMS, "  items:\n    - checklist: voor-het-gesprek\n", PACK),
    ),
    "a pack item that names a card and a checklist": case(
        edit("    - card: mediation\n", "    - card: mediation\n      checklist: voor-het-gesprek\n", PACK),
        [PACK, "lespakket.items.2", "name exactly one item"],
        edit("    - card: mediation\n", "    - card: mediation\n      note: Lees vooraf.\n", PACK),
    ),
    "a pack code outside the LP series": case(
        edit("  code: LP1", "  code: P9", PACK),
        [PACK, "lespakket.code", "String should match pattern"],
        edit("  code: LP1", "  code: LP9", PACK),
    ),
    "two packs with one code": case(
        write(NEW_PACK, SECOND_PACK.replace("LP2", "LP1")),
        [NEW_PACK, "lespakket.code", "'LP1' is already used by docs/lespakketten/eerste.md"],
        write(NEW_PACK, SECOND_PACK),
    ),
    "two packs with one id": case(
        write(NEW_PACK, SECOND_PACK.replace("id: tweede", "id: eerste")),
        [NEW_PACK, "lespakket.id", "'eerste' is already used by docs/lespakketten/eerste.md"],
    ),
    "a pack goal of two sentences": case(
        edit("    - Je kent de uitgangspunten van de test.", "    - Je kent de test. Je kent de bron.", PACK),
        [PACK, "lespakket.goals.0", "must be one sentence"],
    ),
    "a misspelt field in a pack": case(
        edit("  duration: Een uur", "  duur: Een uur", PACK),
        [PACK, "lespakket.duur", "unknown field"],
    ),
    "a card type that takes the pack prefix": case(
        edit("prefix: I,", "prefix: LP,", FAMILIES),
        [FAMILIES, "types.interventie", "reserved for course packs"],
    ),
    # --- links MkDocs checks (A43, A44) -------------------------------------------------------------
    "a broken link (A43)": case(
        edit(BODY, BODY + "\n[weg](bestaat-niet.md)\n"),
        ["partnerschap/respecteer-ouders.md", "bestaat-niet.md", "not found"],
        edit(BODY, BODY + "\n[hier](kind-centraal.md)\n"),
    ),
    "a broken anchor (A44)": case(
        edit(BODY, BODY + "\n[weg](kind-centraal.md#bestaat-niet)\n"),
        ["partnerschap/respecteer-ouders.md", "#bestaat-niet"],
        edit(BODY, BODY + "\n[hier](kind-centraal.md#toelichting)\n"),
    ),
}


def _tree_key(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(project.rglob("*")):
        digest.update(path.relative_to(project).as_posix().encode())
        if path.is_symlink():
            digest.update(os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def validate_in_process(project: Path) -> BuildResult | None:
    """The build's first step (what `define_env` runs), here: its refusal as the build prints it, or None."""
    try:
        validated(object(), project / "docs", SITE_URL, True, False)
    except HandbookError as error:
        return BuildResult(1, str(error), project.parent / "site")
    return None


#: Cases only the real command line refuses (MkDocs' own strict link and anchor checks), and N75, whose
#: point is that the real build never runs its code. Each is built in a subprocess, with its twin; every
#: other case is refused by the build's first step, run here in process.
BUILT = (CODE_RUNS, "a broken link (A43)", "a broken anchor (A44)")
IN_PROCESS = [name for name in CASES if name not in BUILT]


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture every case starts from, as a buildable project."""
    return fixture_project(tmp_path_factory.mktemp("bad-input") / "pristine")


def mutated(pristine: Path, target: Path, mutation: Mutation) -> Path:
    project = target / "project"
    shutil.copytree(pristine, project, symlinks=True)
    mutation(project)
    map_what_the_case_adds(project)
    return project


def map_what_the_case_adds(project: Path) -> None:
    """The cases here are about other rules: a card section or source a case adds is entered in the source map
    (as the editors' own, or a source left out) so the map's own rules (test_herkomst_bad_input.py) mask none."""
    path = project / "docs/_data/herkomst.yml"
    try:
        # libyaml's loader and dumper: this runs for every case, twice, and the pure-Python ones took
        # half of a case's time; the build itself reads the map with its own loader.
        herkomst = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        keys = yaml.load((project / SOURCES).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["sources"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return
    fed = {ref for sections in herkomst["sources"].values() for s in sections for ref in s.get("cards", [])}
    carried = {ref.partition("#")[0] for ref in fed}
    for card_file in (project / "docs").glob("*/*.md"):
        text = card_file.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^card:\n  id: ([a-z0-9-]+)", text, re.M)
        source = re.search(r"^  sources: \[\"(\d{3})\"", text, re.M)
        refs = [f"{found.group(1)}#{a}" for a in re.findall(r"^## .*\{ #([a-z0-9-]+)", text, re.M)] if found else []
        if found and source and refs and found.group(1) not in carried:
            section = {"starts": "added by a bad-input case", "path": ["Toegevoegd"], "cards": refs}
            herkomst["sources"].setdefault(source.group(1), []).append(section)
            continue
        for ref in refs:
            if ref not in fed:
                herkomst["own"].setdefault(ref, "added by a bad-input case")
    for key in keys if isinstance(keys, dict) else []:
        herkomst["sources"].setdefault(key, [{"starts": "not part of the case", "path": ["Bron"], "noise": "unused"}])
    text = yaml.dump(herkomst, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def assert_one_clear_line(name: str, result: BuildResult) -> None:
    """Exit 1, no traceback, every expected piece, and file, field and message on one line."""
    assert result.returncode == 1, f"exit {result.returncode} for: {name}\n{result.output}"
    assert "Traceback" not in result.output, f"traceback for: {name}\n{result.output}"
    lines = result.output.splitlines()
    for needle in CASES[name].expected:
        assert any(needle in line for line in lines), f"message for '{name}' lacks {needle!r}:\n{result.output}"
    # File, field and message on one line: the line naming the file also says what is wrong.
    file = CASES[name].expected[0]
    message = CASES[name].expected[-1]
    assert any(file in line and message in line for line in lines), f"'{name}': not on one line:\n{result.output}"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60
    assert set(BUILT) <= set(CASES)


@pytest.mark.parametrize("name", IN_PROCESS)
def test_bad_input_stops_the_build_with_one_clear_line(name: str, pristine: Path, tmp_path: Path) -> None:
    result = validate_in_process(mutated(pristine, tmp_path, CASES[name].bad))
    assert result is not None, (
        f"'{name}' passes the build's first step: only the real build refuses it (add it to BUILT)"
    )
    assert_one_clear_line(name, result)


@pytest.mark.parametrize("name", IN_PROCESS)
def test_the_valid_twin_passes_the_first_step(name: str, pristine: Path, tmp_path: Path) -> None:
    """The rest of the build takes such a tree: test_the_untouched_fixture_builds."""
    result = validate_in_process(mutated(pristine, tmp_path, CASES[name].twin))
    assert result is None, f"valid twin of '{name}' refused:\n{result.output}"


@pytest.fixture(scope="session")
def built_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], BuildResult]:
    """The BUILT cases, their twins and the untouched fixture, each built by the real command line once per
    run (identical trees once, two at a time; the first worker to ask builds, the others read its record)."""

    def make(base: Path) -> None:
        clean = fixture_project(base / "pristine")
        jobs: dict[tuple[str, str], Path] = {("the untouched fixture", "twin"): clean}
        by_tree: dict[str, Path] = {_tree_key(clean): clean}
        for n, name in enumerate(BUILT):
            for side in ("bad", "twin"):
                project = mutated(clean, base / f"{n}-{side}", getattr(CASES[name], side))
                jobs[(name, side)] = by_tree.setdefault(_tree_key(project), project)
        unique = sorted(set(jobs.values()))
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = dict(zip(unique, pool.map(lambda p: build(p, p.parent / "site"), unique), strict=True))
        record = [[*job, results[p].returncode, results[p].output, str(results[p].site)] for job, p in jobs.items()]
        base.with_name("bad-input.json").write_text(json.dumps(record), encoding="utf-8")

    base = once_per_run(tmp_path_factory, "bad-input", make)
    record = json.loads(base.with_name("bad-input.json").read_text(encoding="utf-8"))
    return {(name, side): BuildResult(code, output, Path(site)) for name, side, code, output, site in record}


@pytest.mark.parametrize("name", BUILT)
def test_the_real_build_stops_with_one_clear_line(name: str, built_cases) -> None:
    assert_one_clear_line(name, built_cases[(name, "bad")])


@pytest.mark.parametrize("name", BUILT)
def test_the_valid_twin_builds(name: str, built_cases) -> None:
    result = built_cases[(name, "twin")]
    assert result.returncode == 0, f"valid twin of '{name}' failed:\n{result.output}"


def test_the_untouched_fixture_builds(built_cases) -> None:
    """The real command line on the fixture every case starts from: the twins checked in process rest on it."""
    result = built_cases[("the untouched fixture", "twin")]
    assert result.returncode == 0, result.output
    assert re.search(r"is ready for", result.output)


def test_code_in_a_page_never_runs(built_cases) -> None:
    """The build stops before any page renders, so N75's command never ran (it would leave a file)."""
    result = built_cases[(CODE_RUNS, "bad")]
    assert result.returncode == 1
    assert not (result.site.parent / "project" / MARKER).exists(), "a command in a page body ran during the build"
