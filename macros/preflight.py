"""Check every macro call in every page before MkDocs renders one.

mkdocs-macros reports a failing macro with a Python traceback and exit status 100, counting lines
from the start of the body. Checked here first, every mistake (a syntax error, an unknown macro,
wrong or missing arguments, a card id that does not exist) is one line naming the file and the
line in that file, and the build stops with all of them at once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from .errors import HandbookError, Problem
from .loading import SourceFile

#: The syntax mkdocs-macros uses by default (mkdocs.yml changes none of its delimiters).
_JINJA = Environment()


def _line(source: SourceFile, lineno: int) -> str:
    return f"line {source.body_line + lineno - 1}"


def _check_call(
    source: SourceFile, call: nodes.Call, name: str, macro: Callable[..., Any], problems: list[Problem]
) -> None:
    where = _line(source, call.lineno)
    constant = all(isinstance(arg, nodes.Const) for arg in call.args) and all(
        isinstance(kw.value, nodes.Const) for kw in call.kwargs
    )
    if call.dyn_args is not None or call.dyn_kwargs is not None:
        return
    args = [arg.value if isinstance(arg, nodes.Const) else None for arg in call.args]
    kwargs = {kw.key: kw.value.value if isinstance(kw.value, nodes.Const) else None for kw in call.kwargs}
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
    if not constant:
        return
    try:
        macro(source.src_uri, *args, **kwargs)
    except HandbookError as error:
        problems.extend(Problem(source.label, where, f"{name}: {p.message}") for p in error.problems)
    except Exception as error:
        problems.append(Problem(source.label, where, f"{name}: {error}"))


def check_macro_calls(files: Mapping[str, SourceFile], macros: Mapping[str, Callable[..., Any]]) -> list[Problem]:
    """Every problem with macro use in every page; an empty list when all calls are sound."""
    problems: list[Problem] = []
    for source in files.values():
        if "{" not in source.body:
            continue
        try:
            tree = _JINJA.parse(source.body)
        except TemplateSyntaxError as error:
            hint = " (a literal {{ or {% must be written inside {% raw %} ... {% endraw %})"
            problems.append(Problem(source.label, _line(source, error.lineno), f"macro syntax: {error.message}{hint}"))
            continue
        unknown = meta.find_undeclared_variables(tree) - set(macros)
        for name_node in tree.find_all(nodes.Name):
            if name_node.name in unknown:
                unknown.discard(name_node.name)
                known = ", ".join(sorted(macros))
                message = f"'{name_node.name}' is not a macro of this handbook (macros: {known})"
                problems.append(Problem(source.label, _line(source, name_node.lineno), message))
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in macros:
                _check_call(source, call, call.node.name, macros[call.node.name], problems)
    return problems
