"""Inside an app, modules depend one way: a module that needs another's
helper must not be needed by it in turn (STYLE.md, "no module cycles")."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path, app):
    """The modules of ``app`` that the file imports, at the top or inside a
    function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == app:
                found.update(f"{app}.{alias.name}" for alias in node.names)
            elif node.module.startswith(f"{app}."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith(f"{app}."))
    return found


def import_graph(app):
    graph = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        graph[module.removesuffix(".__init__")] = imported_modules(path, app)
    return graph


def cycles(graph):
    """Each cycle found by a depth-first walk, as a list of modules."""
    found, state = [], {}

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if target not in graph:
                continue
            if state.get(target) == "open":
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


@pytest.mark.parametrize(
    "app",
    [
        "asskomm",
        "members",
        "events",
        "training",
        "library",
        "projects",
        "figures",
        "working_group",
    ],
)
def test_no_import_cycles_inside_the_app(app):
    assert cycles(import_graph(app)) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a.models": {"a.alumni"}, "a.alumni": {"a.models"}, "a.views": {"a.models"}}
    assert cycles(graph) == [["a.alumni", "a.models", "a.alumni"]]
