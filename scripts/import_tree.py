"""Print which modules of the `macros` package import which, and fail on an import cycle.

The package is layered (loading → validation → lookup → rendering → export, with addresses, model and
errors underneath); a cycle means two layers know each other, and an import tucked inside a function
is usually a cycle kept out of sight. So the graph is read from the source (`ast`, nothing is
imported) with three kinds of edges: imports at module level, imports inside a function or method,
and imports under `if TYPE_CHECKING:`, which only type checkers run. Cycles are searched among the
first two, the ones Python executes.

    python scripts/import_tree.py   # exit 1, printing the cycle, when there is one
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "macros"


@dataclass
class Imports:
    """The macros modules one module imports, by where the import statement stands."""

    module_level: set[str] = field(default_factory=set)
    in_functions: set[str] = field(default_factory=set)
    types_only: set[str] = field(default_factory=set)

    @property
    def executed(self) -> set[str]:
        return self.module_level | self.in_functions


def _module_name(path: Path, package_dir: Path) -> str:
    relative = path.relative_to(package_dir).with_suffix("")
    return ".".join(part for part in relative.parts if part != "__init__") or "__init__"


def _targets(node: ast.Import | ast.ImportFrom, modules: set[str]) -> set[str]:
    """The package's modules an import statement names (`from .x import y`, `from . import x`, `import macros.x`)."""
    if isinstance(node, ast.Import):
        names = [alias.name.removeprefix(f"{PACKAGE}.") for alias in node.names if alias.name.startswith(PACKAGE)]
        return {name for name in names if name in modules}
    if node.level == 0 and not (node.module or "").startswith(PACKAGE):
        return set()
    base = (node.module or "").removeprefix(PACKAGE).lstrip(".") if node.level == 0 else node.module or ""
    if base:
        return {base} if base in modules else set()
    return {alias.name for alias in node.names if alias.name in modules}  # from . import x


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _collect(node: ast.AST, modules: set[str], found: Imports, where: str) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            getattr(found, where).update(_targets(child, modules))
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            _collect(child, modules, found, "in_functions")
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                _collect(ast.Module(body=[statement], type_ignores=[]), modules, found, "types_only")
            for statement in child.orelse:
                _collect(ast.Module(body=[statement], type_ignores=[]), modules, found, where)
        else:
            _collect(child, modules, found, where)


def import_graph(package_dir: Path = ROOT / PACKAGE) -> dict[str, Imports]:
    """Every module of the package (`__init__` for the package itself) → the package modules it imports."""
    files = {_module_name(path, package_dir): path for path in sorted(package_dir.rglob("*.py"))}
    graph: dict[str, Imports] = {}
    for name, path in files.items():
        found = Imports()
        _collect(ast.parse(path.read_text(encoding="utf-8"), str(path)), set(files), found, "module_level")
        for imports in (found.module_level, found.in_functions, found.types_only):
            imports.discard(name)
        graph[name] = found
    return graph


def find_cycle(graph: dict[str, Imports]) -> list[str] | None:
    """One import cycle among the imports Python executes, as [a, b, ..., a], or None."""
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph[module].executed):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def render(graph: dict[str, Imports]) -> str:
    lines = []
    for module in sorted(graph):
        imports = graph[module]
        line = f"{PACKAGE}.{module} -> {', '.join(sorted(imports.module_level)) or '(nothing)'}"
        if imports.in_functions:
            line += f"  [inside functions: {', '.join(sorted(imports.in_functions))}]"
        if imports.types_only:
            line += f"  [for types only: {', '.join(sorted(imports.types_only))}]"
        lines.append(line)
    return "\n".join(lines)


def main() -> int:
    graph = import_graph()
    print(render(graph))
    cycle = find_cycle(graph)
    if cycle:
        print(f"import cycle: {' -> '.join(cycle)}", file=sys.stderr)
        return 1
    print("no import cycle")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
