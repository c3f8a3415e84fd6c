"""Text from data reaches Markdown, then HTML: it must arrive as text, never as markup.

A title such as `Kinderen <6 jaar>` must show as written, and a title such as
`Klik](javascript:...)` must not become a link. The templates in `macros/templates/` write
Markdown, so every value they print is escaped twice over: HTML's special characters become
entities, and Markdown's become numeric character references, which Python-Markdown leaves alone
and the browser shows as the character itself. Values that are markup on purpose (links the
renderer computed, the author's own body, a QR code) are wrapped in `Markup` by the code that
makes them, so safety never depends on a template author remembering a filter.
"""

from __future__ import annotations

import re

from markupsafe import Markup

#: Characters with a meaning in HTML or in the Markdown extensions this site uses (links, emphasis,
#: code, tables, attribute lists, headings, abbreviations).
_SPECIAL = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "#": "&#35;",
}
_SPECIAL_RE = re.compile("|".join(re.escape(char) for char in _SPECIAL))
#: At the start of a line these open a list, a quote or a heading underline.
_LEADING = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def markdown_text(value: object) -> Markup:
    """Plain text, safe anywhere in Markdown or in an HTML attribute value."""
    if isinstance(value, Markup):
        return value
    text = _SPECIAL_RE.sub(lambda match: _SPECIAL[match.group(0)], str(value))
    text = _LEADING.sub(lambda match: match.group(1) + "".join(f"&#{ord(c)};" for c in match.group(2)), text)
    return Markup(text)


def finalize(value: object) -> object:
    """Jinja's `finalize`: every value a template prints goes through here."""
    if value is None or isinstance(value, Markup):
        return value
    return markdown_text(value)


def html_text(value: str) -> Markup:
    """Text for a place that is HTML, not Markdown (page title, meta description)."""
    return Markup.escape(value)
