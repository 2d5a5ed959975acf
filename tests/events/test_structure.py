"""How the events app is put together: its modules import each other one way."""

import ast
from pathlib import Path

import events

APP = Path(events.__file__).parent


def _imports_inside_the_app(path):
    """The events modules ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "events":
                found.update(f"events.{alias.name}" for alias in node.names)
            elif node.module.startswith("events."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("events."))
    return found


def _graph():
    return {
        f"events.{path.stem}": _imports_inside_the_app(path)
        for path in APP.glob("*.py")
        if path.stem != "__init__"
    }


def _cycle(graph):
    """One import cycle as a list of modules, or None."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done or module not in graph:
            return None
        path.append(module)
        for imported in sorted(graph[module]):
            cycle = visit(imported)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_the_models_do_not_import_what_imports_them():
    assert "events.models" not in _graph()["events.audiences"]
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
