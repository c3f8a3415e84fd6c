"""The macros package has no import cycle, and no module hides an import of another inside a function.

An import inside a function is how a cycle is usually kept out of sight (packs.py once imported
handbook.py that way); scripts/import_tree.py reads the graph from the source and prints it.
"""

from __future__ import annotations

from scripts.import_tree import Imports, find_cycle, import_graph


def test_the_macros_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert {"handbook", "validation", "addresses", "export"} <= set(graph), sorted(graph)
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph) or [])}"


def test_no_module_imports_another_inside_a_function() -> None:
    hidden = {
        module: sorted(imports.in_functions) for module, imports in import_graph().items() if imports.in_functions
    }
    assert hidden == {}, f"import these at module level (or split the module): {hidden}"


def test_a_cycle_through_an_import_inside_a_function_is_found() -> None:
    """The check can fail: handbook imports packs, packs imports handbook inside a function (the old tree)."""
    graph = {"handbook": Imports(module_level={"packs"}), "packs": Imports(in_functions={"handbook"})}
    assert find_cycle(graph) == ["handbook", "packs", "handbook"]
    graph["packs"] = Imports(types_only={"handbook"})
    assert find_cycle(graph) is None
