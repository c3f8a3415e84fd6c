"""What the Markdown body of a page may hold, checked before anything renders.

Readers work on sensitive cases and the site promises to make no request to another host, so a
body is Markdown, not a place for scripts, frames or tracking pixels. The rules, by kind of page:

- a card or checklist body holds Markdown only: no raw HTML at all (a literal `<` is written
  `&lt;`), no H1 (the title comes from the front matter), and every heading carries an explicit
  anchor `{ #id }`, once per page and none of the anchors the card's generated parts use;
- other pages may use a few plain HTML elements (links, paragraphs, spans, divs with classes);
- no page may hold an event handler (`on...=`), a `javascript:` address or an image from another host.

The built site is checked once more against the security policy (scripts/security_policy.py); these
checks come first because they can name the file and line an editor has to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import Problem

#: Headings the macros generate on every card page; an author's heading may not take their anchor.
GENERATED_ANCHORS = frozenset({"bron", "samenhang", "in-de-praktijk", "checklists", "wijzigingen", "delen"})

#: HTML a page that is not a card may use, with the attributes each element may carry.
PAGE_HTML: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "download", "class", "title"}),
    "p": frozenset({"class"}),
    "div": frozenset({"class", "markdown"}),
    "span": frozenset({"class"}),
    "br": frozenset(),
    "strong": frozenset(),
    "em": frozenset(),
}

_FENCED = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?>")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_UNSAFE_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
_MD_LINK_URL = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data):)", re.IGNORECASE)
_MD_REFERENCE_URL = re.compile(
    r"^ {0,3}\[[^\]]+\]:\s*<?\s*((?:javascript|vbscript|data):)", re.IGNORECASE | re.MULTILINE
)
_MD_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*((?:https?:)?//)", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
_ANCHOR = re.compile(r"\{[^{}]*?#([A-Za-z0-9_-]+)[^{}]*\}\s*$")


def _blank(match: re.Match[str]) -> str:
    """Keep line breaks, so positions after the removed text still give the right line."""
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(body: str) -> str:
    """The body with code (fenced blocks, code spans) and macros blanked out (a macro's output is
    generated and escaped, see rendering.py; its call is checked by preflight.py)."""
    for pattern in (_RAW_BLOCK, _FENCED, _CODE_SPAN, _EXPRESSION):
        body = pattern.sub(_blank, body)
    return body


def sections(body: str) -> list[tuple[str, str]]:
    """The body's level-2 headings as (anchor, text), for a page's own contents list."""
    found = []
    for match in _HEADING.finditer(prose(body)):
        anchor = _ANCHOR.search(match.group(2))
        if len(match.group(1)) == 2 and anchor:
            text = body[match.start(2) : match.start(2) + anchor.start()].strip()
            found.append((anchor.group(1), text))
    return found


def heading_anchors(body: str) -> list[tuple[int, int, str | None]]:
    """Every heading of a body as (offset, level, explicit anchor or None)."""
    return [
        (match.start(), len(match.group(1)), anchor.group(1) if (anchor := _ANCHOR.search(match.group(2))) else None)
        for match in _HEADING.finditer(prose(body))
    ]


def body_problems(label: str, body: str, first_line: int, kind: str) -> list[Problem]:
    """Everything in one body that breaks the rules above, each with its file line."""
    text = prose(body)
    problems: list[Problem] = []

    def at(offset: int, message: str) -> None:
        problems.append(Problem(label, f"line {first_line + text.count(chr(10), 0, offset)}", message))

    for match in _MD_LINK_URL.finditer(text):
        at(
            match.start(),
            f"a link to a '{match.group(1)}' address is not allowed; link to a page or an https:// address",
        )
    for match in _MD_REFERENCE_URL.finditer(text):
        at(
            match.start(),
            f"a link to a '{match.group(1)}' address is not allowed; link to a page or an https:// address",
        )
    for match in _MD_REMOTE_IMAGE.finditer(text):
        at(match.start(), "an image from another host is not allowed (the site makes no request to other hosts)")
    for match in _TAG.finditer(text):
        start = match.start()
        _check_tag(match, kind, lambda message, start=start: at(start, message))
    if kind in ("card", "checklist", "lespakket"):
        _check_headings(text, at)
    if kind in ("card", "checklist", "lespakket") and not body.strip():
        # Python-Markdown returns "" for an empty text before any extension runs, so a builder that
        # runs macros as a Markdown extension (Zensical) would publish an empty page.
        problems.append(
            Problem(
                label,
                "body",
                f"is empty; write the {kind}'s own text, or a Jinja comment such as "
                "{# De pagina wordt gemaakt uit de front matter. #}",
            )
        )
    return problems


def _check_tag(match: re.Match[str], kind: str, say: Callable[[str], None]) -> None:
    closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
    if kind in ("card", "checklist", "lespakket"):
        say(f"raw HTML <{closing}{name}> is not allowed in a {kind}; write Markdown (a literal < is written &lt;)")
        return
    if name not in PAGE_HTML:
        say(f"HTML element <{name}> is not allowed; allowed: {', '.join(sorted(PAGE_HTML))}")
        return
    for attribute, value in _ATTRIBUTE.findall(rest):
        attribute = attribute.lower()
        value = value.strip("'\"")
        if attribute.startswith("on"):
            say(f"<{name}> has an event handler ({attribute}=); scripts are not allowed in pages")
        elif attribute not in PAGE_HTML[name]:
            allowed = ", ".join(sorted(PAGE_HTML[name])) or "none"
            say(f"<{name}> may not have the attribute {attribute} (allowed: {allowed})")
        elif _UNSAFE_URL.match(value):
            say(f"<{name} {attribute}> points to a script or data address; not allowed")


def _check_headings(text: str, say: Callable[[int, str], None]) -> None:
    seen: dict[str, int] = {}
    for offset, level, anchor in heading_anchors(text):
        if level == 1:
            say(offset, "a heading with a single # is not allowed; the title comes from the front matter, start at ##")
        elif anchor is None:
            say(
                offset,
                "this heading has no anchor; end it with { #short-id } (addresses must not change with the text)",
            )
        elif anchor in GENERATED_ANCHORS or anchor.startswith("__"):
            say(offset, f"the anchor #{anchor} is reserved for a generated part of the page; choose another")
        elif anchor in seen:
            say(offset, f"the anchor #{anchor} is used twice on this page; anchors must be unique")
        else:
            seen[anchor] = offset
