"""Dutch spelling of everything a reader sees, checked with Debian's Dutch hunspell dictionary.

Words the dictionary does not know but that are right (names of people, organisations, places and
programmes, terms of the field) are listed in tests/spelling-words.txt, grouped and commented. Any
other unknown word fails the test with the word and the pages it stands on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.built_site import is_redirect

WORDS_FILE = Path(__file__).parent / "spelling-words.txt"
#: What a reader does not read as prose: program text, code, addresses and drawings.
NOT_PROSE = ["script", "style", "code", "kbd", "pre", "svg", "template", "noscript"]
_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:md|json|svg|pdf|html|yml)\b|\b[\w.-]+\.(?:nl|com|org|net|eu)\b"
)
#: A word, with its apostrophes and hyphens (hunspell checks a hyphenated compound as a whole); a part
#: ending in a hyphen ("straf-, bestuurs- en civielrecht") is the first half of a compound, not a word.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*-?")
#: "bron(nen)": one word with an optional ending, read as its full form.
_OPTIONAL_ENDING = re.compile(r"(\w)\((\w+)\)")


def project_words() -> set[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def visible_words(html: str) -> set[str]:
    """The words of a page's visible text (screen-reader-only text included: it is read to users)."""
    soup = BeautifulSoup(html, "lxml")
    for element in soup(NOT_PROSE):
        element.decompose()
    # Search terms are hidden from everyone (words from practice that readers type, not text they read).
    for element in soup.select(".wk-zoektermen[hidden]"):
        element.decompose()
    body = soup.body or soup
    text = _OPTIONAL_ENDING.sub(r"\1\2", _ADDRESS.sub(" ", body.get_text(" ")))
    words = set()
    for word in _WORD.findall(text.replace("’", "'")):
        # Codes (P3, CL12, A14) and abbreviations in capitals are checked through the glossary, not here.
        if len(word) > 1 and not word.isupper() and not word.endswith("-"):
            words.add(word)
    return words


def _hunspell_unknown(words: set[str]) -> set[str]:
    hunspell = os.environ.get("HUNSPELL") or shutil.which("hunspell")  # HUNSPELL: another hunspell (README)
    assert hunspell, "hunspell is missing: run 'make hunspell' (Debian's hunspell and hunspell-nl)"
    run = subprocess.run(
        [hunspell, "-d", "nl_NL", "-l"], input="\n".join(sorted(words)), capture_output=True, text=True, check=True
    )
    return set(run.stdout.split())


def unknown_to_hunspell(words: set[str], allowed: frozenset[str] = frozenset()) -> set[str]:
    """The words neither Debian's Dutch dictionary nor the project list knows.

    A hyphenated word is known when each part is: a word, an abbreviation in capitals or a listed name.
    """
    unknown = {word for word in _hunspell_unknown(words) if word not in allowed and word.lower() not in allowed}
    parts = {part for word in unknown if "-" in word for part in word.split("-")}
    unknown_parts = {p for p in (_hunspell_unknown(parts) if parts else set()) if not p.isupper() and p not in allowed}
    return {word for word in unknown if "-" not in word or set(word.split("-")) & unknown_parts}


def test_every_visible_word_is_dutch_or_on_the_project_list(site: Path) -> None:
    """Red when: a card says 'kindren' (or any word neither hunspell nor the project list knows)."""
    pages: dict[str, set[str]] = {}
    for path in sorted(site.rglob("*.html")):
        if is_redirect(path):
            continue
        html = path.read_text(encoding="utf-8")
        for word in visible_words(html):
            pages.setdefault(word, set()).add(path.relative_to(site).as_posix())
    assert len(pages) > 3000, f"only {len(pages)} distinct words read"
    unknown = unknown_to_hunspell(set(pages), frozenset(project_words()))
    report = [f"{word}: {', '.join(sorted(pages[word])[:10])}" for word in sorted(unknown)]
    assert not report, (
        f"{len(report)} unknown words (fix them, or add real names and terms to {WORDS_FILE.name}):\n"
        + "\n".join(report)
    )


def test_the_spelling_check_can_fail(tmp_path: Path) -> None:
    """A misspelt word on a page is reported (the check is not switched off by the word list)."""
    words = visible_words(
        "<html><body><article><p>De kindren spelen; zie https://x.nl/kindren.</p></article></body></html>"
    )
    assert "kindren" in words and "x" not in words
    assert "kindren" in unknown_to_hunspell(words) and "kindren" not in project_words()
