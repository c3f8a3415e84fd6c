"""Content is data, never code: a page cannot run Python at build time or script in the browser.

Every payload of the second fuzz report that ran code or slipped a script address through
(../shared/reviews/fuzz-2026-12-04.md, F1, F2 and F9: N66, N68, N69, N73-N75, N82, N83, N85), and
more of our own, is put into a copy of the minimal fixture and checked in this process, the way
`define_env` checks a handbook before any page renders (macros/session.py: read every file, check
every body, then every macro call, page title and registry). Each must be refused with one line
naming the file and the field or file line; each valid twin, the nearest allowed change, must pass.
A handful of them also run through the real build in test_bad_input.py; here they cost milliseconds.

The security check of the built site reads addresses the same way (macros/body.py's browser reading);
its cases are in test_security.py.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURE_DOCS, SITE_URL
from test_bad_input import BODY, CARD, CHECKLIST, FAMILIES, HEADING_LINE, INDEX, Mutation, both, edit, write

from macros.body import browser_url, decoded, is_remote, unsafe_scheme, url_scheme
from macros.errors import HandbookError
from macros.session import validated

#: The file line of a text added to the card two lines below its first heading (see `after_body`).
AFTER_BODY = HEADING_LINE + 2
#: The file line of a text added to the home page two lines below its title (see `on_index`).
INDEX_LINE = (FIXTURE_DOCS / "index.md").read_text(encoding="utf-8").split("\n").index("# Testhandboek") + 3
PACK = "docs/lespakketten/eerste.md"
#: The file line of the checklist's body (a Jinja comment).
CHECKLIST_BODY_LINE = (FIXTURE_DOCS / "checklists/voor-het-gesprek.md").read_text(encoding="utf-8").split("\n").index(
    "{# Deze pagina wordt gemaakt uit de front matter hierboven. #}"
) + 1


def after_body(text: str) -> Mutation:
    """Text in the card's body, starting on the file line AFTER_BODY."""
    return edit(BODY, BODY + "\n" + text + "\n")


def on_index(text: str) -> Mutation:
    """Text on the home page (a page, not a card), starting on the file line INDEX_LINE."""
    return edit("# Testhandboek", "# Testhandboek\n\n" + text, INDEX)


@dataclass(frozen=True)
class Case:
    bad: Mutation
    file: str
    field: str  # "line <n>" or the front matter or registry field
    message: str
    twin: Mutation | None = None


def line(offset: int = 0) -> str:
    return f"line {AFTER_BODY + offset}"


LINK = "{{ card_link('kind-centraal') }}"
ALLOWED_LIST = "a page may only call this handbook's macros with literal arguments"

CASES: dict[str, Case] = {
    "Markdown under another suffix, which MkDocs renders unchecked": Case(
        write("docs/extra.markdown", "# Extra\n\n{{ 5*5 }}\n"),
        "docs/extra.markdown",
        "file",
        "is Markdown with the suffix .markdown; use .md",
        write("docs/extra.md", "# Extra\n\nGewone tekst.\n"),
    ),
    # --- F1: Jinja that reaches Python (the report's N74, N75, N76-N78, N80, N85) -----------------------
    "N75: a for loop that reaches os.popen": Case(
        after_body(
            "RCE:{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == '_wrap_close' %}"
            "{{ c.__init__.__globals__['popen']('id -un').read() }}{% endif %}{% endfor %}"
        ),
        CARD,
        line(),
        "{% for %} is not allowed: " + ALLOWED_LIST,
        after_body(LINK),
    ),
    "N74: attribute access on a string, then a filter": Case(
        after_body("SSTI: {{ ''.__class__.__mro__[1].__subclasses__()|length }} klassen"),
        CARD,
        line(),
        "{{ … }} holds a filter (|length)",
        after_body(f"SSTI: {LINK} klassen"),
    ),
    "N85: raw HTML printed from a string": Case(
        after_body("""{{ '<a href="java&#x09;script:alert(document.domain)">klik</a>' }}"""),
        CARD,
        line(),
        "printed by itself (write text as Markdown, not as an expression)",
        after_body("[klik](https://www.nji.nl/)"),
    ),
    "N86: a script printed from a string": Case(
        after_body("{{ '<script>alert(1)</script>' }}"), CARD, line(), "printed by itself"
    ),
    "N76: a macro through a variable": Case(
        after_body("{% set f = card_link %}{{ f('kind-centraal') }}"),
        CARD,
        line(),
        "{% set %} is not allowed",
        after_body(LINK),
    ),
    "N77: an argument built with an operator": Case(
        after_body("{{ card_link('kind' ~ '-centraal') }}"),
        CARD,
        line(),
        "card_link: arguments must be literal values (text in quotes, numbers), not an operator",
        after_body(LINK),
    ),
    "N78: an include": Case(
        after_body("{% include 'bestaat-niet.md' %}"), CARD, line(), "{% include %} is not allowed", after_body(LINK)
    ),
    "N80: arithmetic": Case(after_body("Uitkomst {{ 7*7 }}"), CARD, line(), "{{ … }} holds an operator"),
    "a macro's globals": Case(
        after_body("{{ card_link.__globals__ }}"), CARD, line(), "{{ … }} holds attribute access (.__globals__)"
    ),
    "a Jinja global that leads to Python (cycler)": Case(
        after_body("{{ cycler.__init__.__globals__.os }}"), CARD, line(), "attribute access (.os)"
    ),
    "a Jinja global printed": Case(
        after_body("{{ cycler }}"), CARD, line(), "'cycler' is not a macro of this handbook"
    ),
    "a Jinja global called": Case(
        after_body("{{ lipsum() }}"), CARD, line(), "'lipsum' is not a macro of this handbook"
    ),
    "a set statement": Case(after_body("{% set x = 1 %}"), CARD, line(), "{% set %} is not allowed"),
    "a filter on a string": Case(after_body('{{ "x"|e }}'), CARD, line(), "{{ … }} holds a filter (|e)"),
    "a filter on a macro's output": Case(
        after_body("{{ card_link('kind-centraal')|safe }}"), CARD, line(), "a filter (|safe)", after_body(LINK)
    ),
    "a subscript": Case(after_body("{{ card_link['x'] }}"), CARD, line(), "{{ … }} holds a subscript"),
    "a test": Case(after_body("{{ card_link is defined }}"), CARD, line(), "{{ … }} holds a test (is defined)"),
    "a macro printed without a call": Case(
        after_body("{{ card_link }}"), CARD, line(), "card_link is a macro: call it"
    ),
    "a name as an argument": Case(
        after_body("{{ card_link(x) }}"),
        CARD,
        line(),
        "card_link: arguments must be literal values (text in quotes, numbers), not the name 'x'",
        after_body(LINK),
    ),
    "a call as an argument": Case(
        after_body("{{ card_link(card_link('kind-centraal')) }}"), CARD, line(), "not a call of card_link"
    ),
    "a list as an argument": Case(after_body("{{ card_link(['kind-centraal']) }}"), CARD, line(), "not a list"),
    "*args": Case(after_body("{{ card_link(*ids) }}"), CARD, line(), "card_link: *args and **kwargs are not allowed"),
    "**kwargs": Case(after_body("{{ card_link(**opties) }}"), CARD, line(), "*args and **kwargs are not allowed"),
    "a keyword argument built from a name": Case(
        after_body("{{ card_link('kind-centraal', text=titel) }}"),
        CARD,
        line(),
        "not the name 'titel'",
        after_body("{{ card_link('kind-centraal', text='de kaart') }}"),
    ),
    "an if statement": Case(after_body("{% if true %}ja{% endif %}"), CARD, line(), "{% if %} is not allowed"),
    "a macro definition": Case(
        after_body("{% macro m() %}x{% endmacro %}"), CARD, line(), "{% macro %} is not allowed"
    ),
    "an import": Case(after_body("{% import 'x.md' as x %}"), CARD, line(), "{% import %} is not allowed"),
    "an extends": Case(after_body("{% extends 'index.md' %}"), CARD, line(), "{% extends %} is not allowed"),
    "a call block": Case(
        after_body("{% call card_link('kind-centraal') %}x{% endcall %}"), CARD, line(), "{% call %} is not allowed"
    ),
    "a filter block": Case(
        after_body("{% filter upper %}tekst{% endfilter %}"), CARD, line(), "{% filter %} is not allowed"
    ),
    "an autoescape block": Case(
        after_body("{% autoescape false %}x{% endautoescape %}"), CARD, line(), "{% autoescape %} is not allowed"
    ),
    "a statement on a later line of a page": Case(
        on_index("Tekst.\n\n{% for i in range(3) %}{{ i }}{% endfor %}"),
        INDEX,
        f"line {INDEX_LINE + 2}",
        "{% for %} is not allowed",
        on_index(
            "Tekst.\n\n{# Een opmerking voor redacteuren. #}\n\n{% raw %}Schrijf {{ card_link('id') }}.{% endraw %}"
        ),
    ),
    "a statement in a checklist body": Case(
        edit("{# Deze pagina", "{% set x = 1 %}{# Deze pagina", CHECKLIST),
        CHECKLIST,
        f"line {CHECKLIST_BODY_LINE}",
        "{% set %} is not allowed",
        edit("{# Deze pagina", "{# Let op: #}{# Deze pagina", CHECKLIST),
    ),
    # --- F1: titles and data the macros plugin renders as templates --------------------------------------
    "Jinja in a page's title": Case(
        edit("hide:", 'title: "Start {{ 7*7 }}"\nhide:', INDEX),
        INDEX,
        "title",
        "holds {{: Jinja is not allowed in data",
        edit("hide:", 'title: "Start (7*7)"\nhide:', INDEX),
    ),
    "Jinja in a card's title": Case(
        edit("title: Respecteer ouders", 'title: "Respecteer {{ 6*7 }} ouders"'),
        CARD,
        "card.title",
        "holds {{: Jinja is not allowed in data",
        edit("title: Respecteer ouders", 'title: "Respecteer {6*7} ouders"'),
    ),
    "a Jinja statement in a pack's title": Case(
        edit("title: Eerste lespakket", 'title: "Eerste {% raw %}lespakket"', PACK), PACK, "lespakket.title", "holds {%"
    ),
    "a Jinja comment in a check": Case(
        edit('text: "Heb ik ouders gerespecteerd?"', 'text: "Heb ik ouders {# niet #} gerespecteerd?"'),
        CARD,
        "card.checks.0.text",
        "holds {#",
    ),
    "Jinja in a family's title (the navigation title)": Case(
        edit("title: Partnerschap", 'title: "Partnerschap {{ 3*3 }}"', FAMILIES),
        FAMILIES,
        "families.0.title",
        "holds {{: Jinja is not allowed in data",
        edit("title: Partnerschap", "title: Partnerschap en ouders", FAMILIES),
    ),
    "a first heading cut in two by the page title": Case(
        write("docs/over/los.md", "# Los {# een opmerking\nover twee regels #}\n\nTekst.\n"),
        "docs/over/los.md",
        "line 1",
        "the first heading is also the page title",
        write("docs/over/los.md", "# Los {# een opmerking #}\n\nTekst.\n"),
    ),
    # --- F2: script addresses, however they are spelt (N73, N82, N83 and ours) ----------------------------
    "N73: a tab entity inside javascript: in a page": Case(
        on_index('<a href="java&#x09;script:alert(document.domain)">klik</a>'),
        INDEX,
        f"line {INDEX_LINE}",
        "<a href> points to a 'javascript:' address; not allowed",
        on_index('<a href="https://www.nji.nl/">klik</a>'),
    ),
    "N82: a control character before the scheme": Case(
        on_index('<a href="&#x01;javascript:alert(document.domain)">klik</a>'),
        INDEX,
        f"line {INDEX_LINE}",
        "'javascript:' address",
        on_index('<a href="tel:0800-2000">bel</a>'),
    ),
    "N83: a named newline inside the scheme": Case(
        on_index('<a href="java&NewLine;script:alert(document.domain)">klik</a>'),
        INDEX,
        f"line {INDEX_LINE}",
        "'javascript:' address",
        on_index('<a href="mailto:redactie@example.org">mail</a>'),
    ),
    "a leading space and mixed case": Case(
        on_index('<a href=" JaVaScRiPt:alert(1)">klik</a>'),
        INDEX,
        f"line {INDEX_LINE}",
        "'javascript:' address",
        on_index('<a href=" https://www.nji.nl/">klik</a>'),
    ),
    "a decimal reference for the first letter": Case(
        on_index('<a href="&#106;avascript:alert(1)">klik</a>'), INDEX, f"line {INDEX_LINE}", "'javascript:' address"
    ),
    "a vbscript: address": Case(
        on_index('<a href="vbscript:msgbox(1)">klik</a>'), INDEX, f"line {INDEX_LINE}", "'vbscript:' address"
    ),
    "a data: address": Case(
        on_index('<a href="data:text/html;base64,PHNjcmlwdD4=">klik</a>'),
        INDEX,
        f"line {INDEX_LINE}",
        "'data:' address",
        on_index('<a href="rollen.md#wijkteam">klik</a>'),
    ),
    "an onclick after a > inside a quoted attribute (N72)": Case(
        on_index("<a href title='a>b' onclick=alert(1)>klik</a>"),
        INDEX,
        f"line {INDEX_LINE}",
        "<a> has an event handler (onclick=)",
        on_index("<a href title='a>b'>klik</a>"),
    ),
    "a tab entity in a Markdown link in a card (N64)": Case(
        after_body("[x](java&#x09;script:alert(1))"),
        CARD,
        line(),
        "a link to a 'javascript:' address is not allowed",
        after_body("[x](https://www.nji.nl/)"),
    ),
    "a named colon in a Markdown link (N65)": Case(
        after_body("[x](javascript&colon;alert(1))"), CARD, line(), "'javascript:' address is not allowed"
    ),
    "a reference link with a tab entity": Case(
        after_body("[x][y]\n\n[y]: java&#x09;script:alert(1)"),
        CARD,
        line(2),
        "'javascript:' address is not allowed",
        after_body("[x][y]\n\n[y]: https://www.nji.nl/"),
    ),
    "a remote image by reference (N70)": Case(
        after_body("![pixel][r]\n\n[r]: https://tracker.example/p.gif"),
        CARD,
        line(),
        "an image from another host is not allowed",
        after_body("[pagina][r]\n\n[r]: https://www.nji.nl/"),
    ),
    "a remote image with a tab entity in the scheme": Case(
        after_body("![pixel](ht&#x09;tps://tracker.example/p.gif)"), CARD, line(), "an image from another host"
    ),
    "a remote image with a backslash for a slash": Case(
        after_body("![pixel](/\\tracker.example/p.gif)"), CARD, line(), "an image from another host"
    ),
    "raw HTML in a raw block in a card": Case(
        after_body("{% raw %}<a href='java&#x09;script:alert(1)'>klik</a>{% endraw %}"),
        CARD,
        line(),
        "raw HTML <a> is not allowed in a card",
        after_body("{% raw %}`{{ card_link('x') }}`{% endraw %}"),
    ),
    "a script hidden behind braces in a comment": Case(
        after_body("{# {{ #}<script>alert(1)</script>" + LINK), CARD, line(), "raw HTML <script> is not allowed"
    ),
    "an image tag with slashes for spaces (N71)": Case(
        after_body("<img/src=x/onerror=alert(1)>"), CARD, line(), "raw HTML <img> is not allowed in a card"
    ),
    "an svg with slashes for spaces (N81)": Case(
        after_body("<svg/onload=alert(1)>"), CARD, line(), "raw HTML <svg> is not allowed in a card"
    ),
    # --- F9: what attr_list may give a card (N66, N68, N69 and ours) --------------------------------------
    "N66: an event handler from an attribute list": Case(
        after_body('Een alinea.\n{: onclick="alert(1)" }'),
        CARD,
        line(1),
        'the attribute list {: onclick="alert(1)" } may hold only #id and .class, not onclick=',
        after_body("Een alinea.\n{: .wk-let-op }"),
    ),
    "N68: a ping to another host on a link": Case(
        after_body('[naar het NJi](https://www.nji.nl/){: ping="https://tracker.example/p" }'),
        CARD,
        line(),
        "may hold only #id and .class, not ping=",
        after_body("[naar het NJi](https://www.nji.nl/){: .extern }"),
    ),
    "N69: a reserved anchor on a paragraph": Case(
        after_body("Een alinea.\n{: #bron }"),
        CARD,
        line(1),
        "the anchor #bron is reserved for a generated part of the page",
        after_body("Een alinea.\n{: #oorsprong }"),
    ),
    "an anchor a heading has already": Case(
        after_body("Een alinea.\n{: #toelichting }"), CARD, line(1), "the anchor #toelichting is used twice"
    ),
    "N67: an href from an attribute list": Case(
        after_body('[x](kind-centraal.md){: href="javascript:alert(1)" }'), CARD, line(), "not href="
    ),
    "a style from an attribute list": Case(
        after_body('Een alinea.\n{ style="background:url(https://t.example/p.gif)" }'), CARD, line(1), "not style="
    ),
    "a bare attribute word": Case(after_body("*nadruk*{: hidden }"), CARD, line(), "not hidden"),
    "two ids in one list": Case(after_body("*nadruk*{: #a #b }"), CARD, line(), "gives two ids"),
    "an event handler on a heading": Case(
        edit(BODY, "## Toelichting { #toelichting onclick=alert(1) }\n"),
        CARD,
        f"line {HEADING_LINE}",
        "not onclick=alert(1)",
        edit(BODY, "## Toelichting { #toelichting .wk-kop }\n"),
    ),
    "an event handler on a fenced block": Case(
        after_body('```{ .text onclick="alert(1)" }\ncode\n```'),
        CARD,
        line(),
        "not onclick=",
        after_body("```{ .text }\ncode\n```"),
    ),
    "an attribute list on a page": Case(
        on_index('Tekst.\n{: ping="https://tracker.example/p" }'),
        INDEX,
        f"line {INDEX_LINE + 1}",
        "not ping=",
        on_index("Tekst.\n{: .wk-lpb-zonder-js }"),
    ),
    "a literal brace in a card": Case(
        after_body("Kies {a, b} samen."),
        CARD,
        line(),
        "a literal brace is written \\{",
        after_body("Kies \\{a, b} samen."),
    ),
}


def _problems(project: Path) -> list[str]:
    """What `define_env` would stop the build with, as the lines it prints (empty when it would go on)."""
    try:
        validated(object(), project / "docs", SITE_URL, True, False)
    except HandbookError as error:
        return [str(problem) for problem in error.problems]
    return []


def _project(tmp_path: Path, mutation: Mutation) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_DOCS, project / "docs")
    mutation(project)
    return project


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("name", list(CASES))
def test_code_in_content_is_refused_with_file_and_line(name: str, tmp_path: Path) -> None:
    item = CASES[name]
    lines = _problems(_project(tmp_path, item.bad))
    prefix = f"{item.file}: {item.field}: "
    assert any(line.startswith(prefix) and item.message in line for line in lines), (
        f"'{name}': no line starting {prefix!r} with {item.message!r}:\n" + "\n".join(lines)
    )


@pytest.mark.parametrize("name", [name for name, item in CASES.items() if item.twin is not None])
def test_the_valid_twin_passes(name: str, tmp_path: Path) -> None:
    twin = CASES[name].twin
    assert twin is not None
    assert _problems(_project(tmp_path, twin)) == []


def test_a_comment_and_a_raw_block_pass_and_are_kept_as_written(tmp_path: Path) -> None:
    """The three things a page may hold besides macro calls: nothing else is needed by the real pages."""
    mutation = both(
        after_body("{# Voor redacteuren. #}\n\n{% raw %}Schrijf `{{ card_link('id') }}`.{% endraw %}"),
        after_body("{{ card_link('kind-centraal', text='de kaart') }} en {{ card_link(card_id='mediation') }}"),
    )
    assert _problems(_project(tmp_path, mutation)) == []


# --- reading an address as a browser does (WHATWG URL parsing) ---------------------------------------


@pytest.mark.parametrize(
    ("written", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("java\rscript:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"),
        (" \x00JaVaScRiPt:alert(1) ", "javascript"),
        ("vbscript:x", "vbscript"),
        ("data:text/html,x", "data"),
        ("https://www.nji.nl/", "https"),
        ("tel:112", "tel"),
        ("kind-centraal.md#a:b", None),
        ("#toelichting", None),
        ("java script:alert(1)", None),  # a space inside is not removed: a relative address
        ("1javascript:alert(1)", None),  # a scheme starts with a letter
    ],
)
def test_the_scheme_is_the_one_a_browser_sees(written: str, scheme: str | None) -> None:
    assert url_scheme(written) == scheme


@pytest.mark.parametrize(
    "written",
    ["java&#x09;script:x", "&#x01;javascript:x", "java&NewLine;script:x", "&#106;avascript:x", "javascript&colon;x"],
)
def test_html_references_are_decoded_before_the_scheme_is_read(written: str) -> None:
    assert url_scheme(written) is None  # as written, before decoding: no scheme at all
    assert unsafe_scheme(decoded(written)) == "javascript"


@pytest.mark.parametrize(
    ("written", "remote"),
    [
        ("https://t.example/p.gif", True),
        ("//t.example/p.gif", True),
        ("/\\t.example/p.gif", True),
        ("\\\\t.example/p.gif", True),
        ("/\t/t.example/p.gif", True),
        ("ht\ttps://t.example/p.gif", True),
        ("../assets/images/logo.svg", False),
        ("/werkkaarten/assets/x.png", False),
        ("data:image/png;base64,AAAA", False),
    ],
)
def test_an_address_that_contacts_a_host_is_remote(written: str, remote: bool) -> None:
    assert is_remote(written) is remote


def test_the_browser_reading_strips_and_removes_like_the_url_standard() -> None:
    assert browser_url(" \x1f\tja\nva\rscript:x \x00") == "javascript:x"
