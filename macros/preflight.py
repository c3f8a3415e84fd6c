"""Check every page before MkDocs renders one: content is data, and may only call the handbook's macros.

mkdocs-macros renders every page body with a plain, unsandboxed Jinja environment, so any Jinja
expression in a page runs as Python during the build (`{{ ''.__class__.__mro__ … }}` reaches
`os.popen`), with the rights of the job that builds and publishes. The plugin offers no sandboxed
environment (mkdocs-macros 1.5: `Environment(**env_config)`, with only the loader, the undefined
behaviour, the delimiters and extensions configurable), so this module is the gate, and it is an
allow-list. A page body may hold, besides its text:

- a call of one of the handbook's own macros (`Renderer.macros()`) with literal arguments, printed
  with `{{ … }}`: `{{ card_link('masic') }}`, `{{ card_grid(type="principe") }}`;
- Jinja comments `{# … #}`;
- `{% raw %} … {% endraw %}` around text that is meant literally.

Everything else is refused before any page renders: statements (`for`, `if`, `set`, `include`,
`import`, `extends`, `macro`, `call`, `filter` …), attribute access, subscripts, filters, tests,
operators, a value printed by itself, any name that is not a macro, arguments that are not literal
values, `*args` and `**kwargs`. The plugin also renders a page's title as a template: a title from
the front matter, the title the page filter sets from a card's, checklist's or pack's data, the
navigation title of a family from docs/_data/families.yml, or the page's first `# heading`. So no
front matter and no registry may hold a Jinja marker at all, and a first heading must be whole on
its own line.

mkdocs-macros reports a failing macro with a Python traceback and exit status 100, counting lines
from the start of the body. Checked here first, every mistake (a syntax error, a construct outside
the allow-list, an unknown macro, wrong or missing arguments, a card id that does not exist) is one
line naming the file and the line in that file, and the build stops with all of them at once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateSyntaxError, nodes
from pydantic import BaseModel

from .errors import HandbookError, Problem
from .loading import DATA_DIR, SourceFile

if TYPE_CHECKING:
    from .handbook import Handbook

#: The syntax mkdocs-macros uses by default (mkdocs.yml changes none of its delimiters).
_JINJA = Environment()

#: What the plugin treats as Jinja in a string (`has_j2`): a title holding one is rendered.
JINJA_MARKERS = ("{{", "{%", "{#")

#: The registries and their files, for messages that name the file an editor opens.
REGISTRIES = {
    "source_registry": "bronnen.yml",
    "family_registry": "families.yml",
    "roles": "rollen.yml",
    "glossary": "begrippen.yml",
    "checklist_registry": "checklists.yml",
    "moved_registry": "verhuisd.yml",
    "changelog": "wijzigingen.yml",
    "lock": "vastgelegd.yml",
}

#: The tag each statement node was written with, for the message.
_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.For: "for",
    nodes.If: "if",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.With: "with",
    nodes.Block: "block",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.ExprStmt: "do",
    nodes.Continue: "continue",
    nodes.Break: "break",
    nodes.Scope: "autoescape",
    nodes.ScopedEvalContextModifier: "autoescape",
    nodes.EvalContextModifier: "autoescape",
}

#: The literal values a macro argument may be (Jinja parses true, false and none as constants too).
_LITERALS = (str, int, float, bool, type(None))

_ALLOWED = (
    "a page may only call this handbook's macros with literal arguments, as {{ card_link('masic') }}, "
    "and hold {# comments #} and {% raw %}…{% endraw %}"
)


def _line(source: SourceFile, lineno: int) -> str:
    return f"line {source.body_line + lineno - 1}"


def _lineno(node: nodes.Node) -> int:
    """A node's line in the body; a few statement nodes (autoescape) carry it on their children only."""
    if node.lineno is not None:
        return node.lineno
    return min((child.lineno for child in node.find_all(nodes.Node) if child.lineno is not None), default=1)


def _describe(node: nodes.Node) -> str:
    """What an editor wrote, in words, for an expression outside the allow-list."""
    if isinstance(node, nodes.Name):
        return f"the name '{node.name}'"
    if isinstance(node, nodes.Getattr):
        return f"attribute access (.{node.attr})"
    if isinstance(node, nodes.Getitem | nodes.Slice):
        return "a subscript ([…])"
    if isinstance(node, nodes.Filter):
        return f"a filter (|{node.name})"
    if isinstance(node, nodes.Test):
        return f"a test (is {node.name})"
    if isinstance(node, nodes.Const):
        value = repr(node.value)
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"the value {shown} printed by itself (write text as Markdown, not as an expression)"
    if isinstance(node, nodes.TemplateData):
        return "text"
    if isinstance(node, nodes.Call):
        return (
            f"a call of {node.node.name}"
            if isinstance(node.node, nodes.Name)
            else "a call of something other than a macro by its name"
        )
    if isinstance(node, nodes.List | nodes.Tuple | nodes.Dict):
        return "a list, tuple or dict"
    if isinstance(node, nodes.CondExpr):
        return "a condition (… if … else …)"
    if isinstance(node, nodes.BinExpr | nodes.UnaryExpr | nodes.Compare | nodes.Concat):
        return "an operator"
    return f"a Jinja {type(node).__name__.lower()} expression"


def _literal_arguments(call: nodes.Call) -> str | None:
    """Why a macro call's arguments are not all literal values, or None when they are."""
    if call.dyn_args is not None or call.dyn_kwargs is not None:
        return "*args and **kwargs are not allowed; write each argument as a literal value"
    for value in [*call.args, *(keyword.value for keyword in call.kwargs)]:
        if not isinstance(value, nodes.Const) or not isinstance(value.value, _LITERALS):
            return f"arguments must be literal values (text in quotes, numbers), not {_describe(value)}"
    return None


def _check_call(
    source: SourceFile, call: nodes.Call, name: str, macro: Callable[..., Any], problems: list[Problem]
) -> None:
    """A macro call with literal arguments: bind them, check their types, then run it once."""
    where = _line(source, call.lineno)
    args = [arg.value for arg in call.args if isinstance(arg, nodes.Const)]
    kwargs = {kw.key: kw.value.value for kw in call.kwargs if isinstance(kw.value, nodes.Const)}
    signature = inspect.signature(macro)
    try:
        bound = signature.bind(source.src_uri, *args, **kwargs)
    except TypeError as error:
        usage = f"{name}({', '.join(list(signature.parameters)[1:])})"
        problems.append(Problem(source.label, where, f"{name}: {error}; use {usage}"))
        return
    for parameter, value in list(bound.arguments.items())[1:]:
        annotation = signature.parameters[parameter].annotation
        if annotation in ("str", "str | None") and value is not None and not isinstance(value, str):
            problems.append(Problem(source.label, where, f"{name}: {parameter} must be text in quotes, not {value!r}"))
            return
    try:
        macro(source.src_uri, *args, **kwargs)
    except HandbookError as error:
        problems.extend(Problem(source.label, where, f"{name}: {p.message}") for p in error.problems)
    except Exception as error:
        problems.append(Problem(source.label, where, f"{name}: {error}"))


def _not_a_macro(name: str, macros: Mapping[str, Callable[..., Any]]) -> str:
    return f"'{name}' is not a macro of this handbook (macros: {', '.join(sorted(macros))})"


def _check_printed(
    source: SourceFile, node: nodes.Node, macros: Mapping[str, Callable[..., Any]], problems: list[Problem]
) -> None:
    """One expression between {{ and }}: only a call of a macro, by its name, with literal arguments."""
    where = _line(source, node.lineno)
    if isinstance(node, nodes.Name):
        if node.name in macros:
            message = f"{node.name} is a macro: call it, as {{{{ {node.name}(…) }}}}; {_ALLOWED}"
        else:
            message = _not_a_macro(node.name, macros)
        problems.append(Problem(source.label, where, message))
    elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        name = node.node.name
        if name not in macros:
            problems.append(Problem(source.label, where, _not_a_macro(name, macros)))
        elif (why := _literal_arguments(node)) is not None:
            problems.append(Problem(source.label, where, f"{name}: {why}"))
        else:
            _check_call(source, node, name, macros[name], problems)
    else:
        problems.append(Problem(source.label, where, f"{{{{ … }}}} holds {_describe(node)}; {_ALLOWED}"))


def _check_template(
    source: SourceFile, tree: nodes.Template, macros: Mapping[str, Callable[..., Any]], problems: list[Problem]
) -> None:
    """The allow-list: the parsed body is text and printed macro calls, nothing else.

    Comments leave no node and a raw block is text, so every statement is refused as a whole (its
    inside is never looked at: nothing in it may run).
    """
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            tag = _STATEMENTS.get(type(node), type(node).__name__.lower())
            message = f"{{% {tag} %}} is not allowed: {_ALLOWED}"
            problems.append(Problem(source.label, _line(source, _lineno(node)), message))
            continue
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                _check_printed(source, child, macros, problems)


def _first_heading(body: str) -> tuple[int, str] | None:
    """The page's first line when it is a `# heading` (1-based line in the body): MkDocs' title for a
    page with no other title (mkdocs.utils.get_markdown_title, which the macros plugin renders)."""
    for number, line in enumerate(body.split("\n"), start=1):
        if line.strip():
            return (number, line.strip()) if line.strip().startswith("# ") else None
    return None


def _check_title_line(source: SourceFile, problems: list[Problem]) -> None:
    """The first heading is rendered a second time, alone: every Jinja part must close on its line.

    Its expressions are the body's, already checked; cut at the line's end, one left open would stop
    the build with a traceback instead of this message.
    """
    heading = _first_heading(source.body)
    if heading is None or "title" in source.meta or not any(m in heading[1] for m in JINJA_MARKERS):
        return
    try:
        _JINJA.parse(heading[1])
    except TemplateSyntaxError as error:
        message = (
            f"the first heading is also the page title, which the macros plugin renders on its own: "
            f"close every {{{{ … }}}}, {{# … #}} and {{% raw %}} on this line ({error.message})"
        )
        problems.append(Problem(source.label, _line(source, heading[0]), message))


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every text in a piece of data (keys too), with its dotted path as the messages write it."""
    if isinstance(value, BaseModel):
        value = value.model_dump(by_alias=True)
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                yield child, key
            yield from _strings(item, child)
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from _strings(item, f"{path}.{n}" if path else str(n))


def _jinja_in_data(label: str, data: Any) -> list[Problem]:
    """Front matter and registries are data: the macros plugin renders every title that holds Jinja
    (front matter `title`, the card, checklist or pack title the page filter sets, a family's
    navigation title), so a marker in data would run as code. None is needed, so none is allowed."""
    problems = []
    for path, text in _strings(data, ""):
        found = [marker for marker in JINJA_MARKERS if marker in text]
        if found:
            message = (
                f"holds {found[0]}: Jinja is not allowed in data (titles from data are rendered as templates); "
                "write the text without it"
            )
            problems.append(Problem(label, path or "front matter", message))
    return problems


def registry_problems(handbook: Handbook) -> list[Problem]:
    """Every Jinja marker in the registries of docs/_data (a family's title becomes a navigation title)."""
    problems: list[Problem] = []
    for attribute, file in REGISTRIES.items():
        problems.extend(_jinja_in_data(f"docs/{DATA_DIR}/{file}", getattr(handbook, attribute)))
    return problems


def _handbook_of(macros: Mapping[str, Callable[..., Any]]) -> Handbook | None:
    """The handbook the macros render from: they are methods of one Renderer (rendering.py)."""
    owner = getattr(next(iter(macros.values()), None), "__self__", None)
    return getattr(owner, "handbook", None)


def page_problems(source: SourceFile, macros: Mapping[str, Callable[..., Any]]) -> list[Problem]:
    """Everything in one page that is not data or a sound macro call: front matter, body, title line."""
    problems = _jinja_in_data(source.label, source.meta)
    if not any(marker in source.body for marker in JINJA_MARKERS):
        return problems
    try:
        tree = _JINJA.parse(source.body)
    except TemplateSyntaxError as error:
        hint = " (a literal {{ or {% must be written inside {% raw %} ... {% endraw %})"
        problems.append(Problem(source.label, _line(source, error.lineno), f"macro syntax: {error.message}{hint}"))
        return problems
    _check_template(source, tree, macros, problems)
    _check_title_line(source, problems)
    return problems


def check_macro_calls(
    files: Mapping[str, SourceFile], macros: Mapping[str, Callable[..., Any]], handbook: Handbook | None = None
) -> list[Problem]:
    """Every problem with code in content, in every page and registry; an empty list when all is data.

    `handbook` gives the registries to check; by default, the handbook the macros belong to.
    """
    problems: list[Problem] = []
    for source in files.values():
        problems.extend(page_problems(source, macros))
    registries = handbook if handbook is not None else _handbook_of(macros)
    if registries is not None:
        problems.extend(registry_problems(registries))
    return problems
