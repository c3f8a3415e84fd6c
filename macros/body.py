"""What the Markdown body of a page may hold, checked before anything renders.

Readers work on sensitive cases and the site promises to make no request to another host, so a
body is Markdown, not a place for scripts, frames or tracking pixels. The rules, by kind of page:

- a card or checklist body holds Markdown only: no raw HTML at all (a literal `<` is written
  `&lt;`), no H1 (the title comes from the front matter), and every heading carries an explicit
  anchor `{ #id }`, once per page and none of the anchors the card's generated parts use;
- other pages may use a few plain HTML elements (links, paragraphs, spans, divs with classes);
- no page may hold an event handler (`on...=`) or an image from another host, and links go to pages,
  #anchors, or http, https, mailto and tel addresses only. An address is judged as a browser reads
  it (WHATWG URL parsing, after HTML references are decoded), so `java&#x09;script:`,
  `&#x01;javascript:` and ` JaVaScRiPt:` are all the `javascript:` they are; scripts/security_headers.py
  reads the built site with the same functions;
- an attribute list (Markdown's attr_list, `{: … }` or `{ … }`) gives an element an id and classes
  only, and in a card, checklist or pack its id follows the rules of heading anchors.

What Jinja passes on unchanged, the inside of `{% raw %}` blocks included, is checked like any other
text; what it replaces is checked by preflight.py, which allows only calls of the handbook's macros.
The built site is checked once more against the security policy (scripts/security_headers.py); these
checks come first because they can name the file and line an editor has to change.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

from jinja2 import Environment, TemplateSyntaxError

from .errors import Problem

#: Headings the macros generate on every card page; an author's heading may not take their anchor.
GENERATED_ANCHORS = frozenset({"bron", "samenhang", "in-de-praktijk", "checklists", "wijzigingen", "delen", "herkomst"})

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

#: The schemes a link may use (besides addresses relative to the page and #anchors). Everything else,
#: javascript:, vbscript:, data:, file: and any scheme a browser or an app may act on, is refused.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Schemes whose address makes the browser contact a host (WHATWG's special schemes).
_HOST_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss", "file"})

_C0_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_TWO_SLASHES = re.compile(r"[/\\]{2}")

#: Jinja as mkdocs-macros configures it (mkdocs.yml changes none of its delimiters), to tell
#: what a body passes on to Markdown from what Jinja replaces.
_JINJA = Environment()

_FENCED = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_RAW_TAG = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
#: A start or end tag as a browser reads it: a quoted attribute value may hold a `>`, and a `/` may
#: stand between the name and the attributes (`<svg/onload=…>`).
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[\s/](?:=\s*(?:"[^"]*"|'[^']*')|[^<>])*)?)>""")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
#: A Markdown link or image destination: `](…)` up to the closing bracket, or a reference definition.
_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*(<[^>\n]*>|[^)\n]*)")
_MD_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_MD_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?:[ ]?\[([^\]]*)\])?(?![(\[:])")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
_ANCHOR = re.compile(r"\{[^{}]*?#([A-Za-z0-9_-]+)[^{}]*\}\s*$")
#: Braces Markdown's attr_list could read as an attribute list (`{: #id .class }`, `{ #id }`); a
#: backslash-escaped brace is text.
_BRACES = re.compile(r"(?<!\\)\{([^{}\n]*)\}")
_ATTR_TOKEN = re.compile(r"[#.][A-Za-z0-9_-]+")


def browser_url(value: str) -> str:
    r"""An attribute value as the browser's URL parser reads it (WHATWG URL standard, basic parser).

    The parser strips leading and trailing C0 control characters and spaces and removes every tab,
    line feed and carriage return, so `java\tscript:` and `\x01javascript:` are `javascript:`. The
    value must be HTML-decoded already (see `decoded`).
    """
    return _TAB_OR_NEWLINE.sub("", value.strip(_C0_CONTROL_OR_SPACE))


def decoded(value: str) -> str:
    """HTML character references decoded, as the browser does before a URL is parsed (`java&#x09;script:`,
    `java&NewLine;script:`, `&#106;avascript:`).

    Decoding a value that was decoded already can only make it look more like a scheme, never less
    (a scheme holds no `&`), so a check may decode to be sure.
    """
    return html.unescape(value)


def url_scheme(value: str) -> str | None:
    """The scheme a browser sees in an HTML-decoded address, lower case; None for a relative address."""
    match = _SCHEME.match(browser_url(value))
    return match.group(1).lower() if match else None


def unsafe_scheme(value: str) -> str | None:
    """The scheme of an HTML-decoded address when it is not one a link may use (SAFE_SCHEMES), else None."""
    scheme = url_scheme(value)
    return scheme if scheme is not None and scheme not in SAFE_SCHEMES else None


def is_remote(value: str) -> bool:
    """Whether an HTML-decoded address makes the browser contact a host: a scheme such as https:, or
    two slashes (`//host`; a backslash counts as a slash for http and https)."""
    url = browser_url(value)
    scheme = url_scheme(url)
    return scheme in _HOST_SCHEMES if scheme is not None else _TWO_SLASHES.match(url) is not None


def _blank(match: re.Match[str]) -> str:
    """Keep line breaks, so positions after the removed text still give the right line."""
    return _blank_text(match.group(0))


def _blank_text(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _without_jinja(body: str) -> str:
    """The text Jinja passes on to Markdown, with what Jinja replaces blanked out.

    A macro's output is generated and escaped (rendering.py; its call is checked by preflight.py),
    and a comment disappears, but the inside of a `{% raw %}` block is published as written, so it is
    kept and checked like any other text. Jinja's own lexer decides, so `{# {{ #}<script>` cannot
    hide the script from this check.
    """
    try:
        tokens = list(_JINJA.lex(body))
    except TemplateSyntaxError:
        return _without_jinja_roughly(body)
    parts: list[str] = []
    position = 0
    for _, kind, value in tokens:
        start = body.find(value, position)
        if start < 0 or body[position:start].strip():
            return _without_jinja_roughly(body)
        parts.append(_blank_text(body[position:start]))  # whitespace a `-` marker strips
        parts.append(value if kind == "data" else _blank_text(value))
        position = start + len(value)
    parts.append(_blank_text(body[position:]))
    return "".join(parts)


def _without_jinja_roughly(body: str) -> str:
    """For a body Jinja cannot read (preflight.py names the syntax error): expressions and comments
    blanked, the inside of raw blocks kept."""
    for pattern in (_RAW_TAG, _EXPRESSION, _COMMENT):
        body = pattern.sub(_blank, body)
    return body


@functools.lru_cache(maxsize=1024)
def prose(body: str) -> str:
    """The body as Markdown reads it, with code (fenced blocks, code spans) and what Jinja replaces
    blanked out.

    Kept per body: a page's sections are asked for on every page that lists or cites it (the sources
    page alone asks some 1,300 times), and Jinja's lexer took 5 of a whole build's 12 seconds."""
    return _without_code(_without_jinja(body))


def _without_code(text: str) -> str:
    for pattern in (_FENCED, _CODE_SPAN):
        text = pattern.sub(_blank, text)
    return text


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
    return _heading_anchors(prose(body))


def _heading_anchors(text: str) -> list[tuple[int, int, str | None]]:
    return [
        (match.start(), len(match.group(1)), anchor.group(1) if (anchor := _ANCHOR.search(match.group(2))) else None)
        for match in _HEADING.finditer(text)
    ]


def body_problems(label: str, body: str, first_line: int, kind: str) -> list[Problem]:
    """Everything in one body that breaks the rules above, each with its file line."""
    unjinja = _without_jinja(body)
    text = _without_code(unjinja)
    problems: list[Problem] = []

    def at(offset: int, message: str) -> None:
        problems.append(Problem(label, f"line {first_line + text.count(chr(10), 0, offset)}", message))

    _check_links(text, at)
    for match in _TAG.finditer(text):
        _check_tag(match, kind, functools.partial(at, match.start()))
    attribute_ids = _check_attribute_lists(text, unjinja, kind, at)
    if kind in ("card", "checklist", "lespakket"):
        _check_anchors(text, attribute_ids, at)
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


def _destination(raw: str) -> str:
    """A Markdown link destination as the browser will read it: without <>, HTML references decoded."""
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return decoded(raw)


def _reference_label(label: str) -> str:
    """Markdown matches reference labels case-insensitively, with runs of whitespace as one space."""
    return " ".join(label.split()).lower()


def _check_links(text: str, say: Callable[[int, str], None]) -> None:
    """Links go to pages, #anchors, or http(s), mailto and tel addresses; images come from this site."""
    unsafe = "a link to a '{}:' address is not allowed; link to a page or an https:// address"
    remote_image = "an image from another host is not allowed (the site makes no request to other hosts)"
    references: dict[str, str] = {}
    for match in _MD_REFERENCE.finditer(text):
        url = _destination(match.group(2))
        references.setdefault(_reference_label(match.group(1)), url)
        if scheme := unsafe_scheme(url):
            say(match.start(), unsafe.format(scheme))
    for match in _MD_LINK.finditer(text):
        url = _destination(match.group(3))
        if scheme := unsafe_scheme(url):
            say(match.start(), unsafe.format(scheme))
        elif match.group(1) and is_remote(url):
            say(match.start(), remote_image)
    for match in _MD_IMAGE_REFERENCE.finditer(text):
        label = match.group(2) or match.group(1)
        if is_remote(references.get(_reference_label(label), "")):
            say(match.start(), remote_image)


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
        value = decoded(value.strip("'\""))
        if attribute.startswith("on"):
            say(f"<{name}> has an event handler ({attribute}=); scripts are not allowed in pages")
        elif attribute not in PAGE_HTML[name]:
            allowed = ", ".join(sorted(PAGE_HTML[name])) or "none"
            say(f"<{name}> may not have the attribute {attribute} (allowed: {allowed})")
        elif attribute == "href" and (scheme := unsafe_scheme(value)):
            say(
                f"<{name} href> points to a '{scheme}:' address; not allowed "
                f"(links go to pages, #anchors, or {', '.join(sorted(SAFE_SCHEMES))} addresses)"
            )


def _check_attribute_lists(
    text: str, unjinja: str, kind: str, say: Callable[[int, str], None]
) -> list[tuple[int, str]]:
    r"""Markdown's attr_list may give an element an id and classes, nothing else: no event handler, no
    href, ping, style or src, which "Markdown only" does not foresee. Returns the ids set outside
    headings, as (offset, id), for the anchor rules.

    Braces are read as an attribute list wherever attr_list could take them: in prose, and on the
    opening line of a fenced code block (superfences). In a card, checklist or pack every brace
    group must be one (a literal brace is written `\{`). A page may also show braces around plain
    words, such as a macro call quoted inside `{% raw %}`: attr_list would at most turn a word into
    an attribute without a value; what it may never take from a page is `name=value`.
    """
    strict = kind in ("card", "checklist", "lespakket")
    heading_lines = [(match.start(), match.end()) for match in _HEADING.finditer(text)]
    found = [(match, True) for match in _BRACES.finditer(text)]
    for fence in _FENCED.finditer(unjinja):  # same offsets as text: blanking keeps every character's place
        end = unjinja.find("\n", fence.start())
        found.extend((match, False) for match in _BRACES.finditer(unjinja, fence.start(), end))
    ids: list[tuple[int, str]] = []
    for match, in_prose in found:
        tokens = match.group(1).removeprefix(":").split()
        wrong = [token for token in tokens if not _ATTR_TOKEN.fullmatch(token) and (strict or "=" in token)]
        if wrong:
            hint = "; a literal brace is written \\{" if strict else ""
            say(
                match.start(),
                f"the attribute list {match.group(0)} may hold only #id and .class, not {wrong[0]} "
                f"(other attributes are not allowed{hint})",
            )
            continue
        named = [token[1:] for token in tokens if _ATTR_TOKEN.fullmatch(token) and token.startswith("#")]
        if len(named) > 1:
            say(match.start(), f"the attribute list {match.group(0)} gives two ids; an element has one")
        elif named and in_prose and not any(start <= match.start() < end for start, end in heading_lines):
            ids.append((match.start(), named[0]))
    return ids


def _check_anchors(text: str, attribute_ids: list[tuple[int, str]], say: Callable[[int, str], None]) -> None:
    """Headings need an anchor; an anchor, whether on a heading or set by an attribute list, may not
    take a generated part's anchor and is used once per page."""
    seen: dict[str, int] = {}

    def claim(offset: int, anchor: str) -> None:
        if anchor in GENERATED_ANCHORS or anchor.startswith("__"):
            say(offset, f"the anchor #{anchor} is reserved for a generated part of the page; choose another")
        elif anchor in seen:
            say(offset, f"the anchor #{anchor} is used twice on this page; anchors must be unique")
        else:
            seen[anchor] = offset

    for offset, level, anchor in _heading_anchors(text):
        if level == 1:
            say(offset, "a heading with a single # is not allowed; the title comes from the front matter, start at ##")
        elif anchor is None:
            say(
                offset,
                "this heading has no anchor; end it with { #short-id } (addresses must not change with the text)",
            )
        else:
            claim(offset, anchor)
    for offset, anchor in attribute_ids:
        claim(offset, anchor)
