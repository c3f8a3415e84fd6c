"""The site's own stylesheet is well-formed: a browser drops everything after an unclosed block.

A merge that keeps both sides of a conflict at the end of a rule set can leave a block open; the
browser then ignores every rule after it, silently (the page still loads, the styles are gone).
"""

from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parent.parent / "docs" / "assets" / "stylesheets" / "werkkaarten.css"
#: Comments and quoted strings, which may hold braces that are not blocks.
_NOT_CODE = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.DOTALL)


def unbalanced(css: str) -> str:
    """Where the blocks of `css` do not close: the line of a `}` with no block open, or of the first
    block still open at the end; '' when every block closes."""
    code = _NOT_CODE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), css)
    opened: list[int] = []
    for number, line in enumerate(code.splitlines(), start=1):
        for char in line:
            if char == "{":
                opened.append(number)
            elif char == "}":
                if not opened:
                    return f"line {number}: '}}' closes no block"
                opened.pop()
    return f"line {opened[0]}: block never closed" if opened else ""


def test_every_block_of_the_stylesheet_closes() -> None:
    """Red when: a rule loses its closing brace (as three merges did: every rule after it was ignored)."""
    assert unbalanced(STYLESHEET.read_text(encoding="utf-8")) == ""


def test_the_check_finds_an_open_block() -> None:
    """The check can fail: an unclosed rule and a stray brace are found, braces in comments are not."""
    assert unbalanced("a {\n  color: red;\n\nb { color: blue; }\n") == "line 1: block never closed"
    assert unbalanced("a { color: red; }\n}\n") == "line 2: '}' closes no block"
    assert unbalanced('/* { */ a::before { content: "}"; }') == ""
