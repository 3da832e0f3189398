"""The layout of the code (docs/architecture.md): floors that import only downward, no import
cycles (counting imports inside functions, so none can dodge one), and no module a newcomer
cannot read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Lowest first. A module may import its own floor's modules and any lower floor, never a higher one.
FLOORS = [
    ["convoscope"],                       # contracts: models, errors, settings, general English
    ["prompts", "embedding"],             # prompt templates; embedders and model export
    ["vectorstore"],                      # storage: conversations, statements, topics, vectors
    ["ingest"],                           # loaders, redaction, enrichment, topic learning
    ["assistant.text"],                   # the words of a statement, hostile text, text search
    ["assistant.understanding", "assistant.llm"],  # the question understood; the LLM backends
    ["assistant.analysis"],               # populations, counts, drivers, segments, measures
    ["assistant.writing", "assistant.dashboards"],  # prose and its checks; Overview and Agents
    ["assistant"],                        # ask(): the question path, start to end
    ["eval"],                             # the evaluation harness and the sample generator
    ["ui", "app"],                        # entry points: the app, its pages, the command line
]
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in (".venv", "tests", "build") or ".git" in rel.parts or rel.parts[0].endswith(".egg-info"):
            continue
        name = ".".join(rel.with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


MODULES = _modules()


def _floor(module: str) -> int:
    best, depth = -1, -1
    for level, names in enumerate(FLOORS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and len(name) > depth:
                best, depth = level, len(name)
    assert best >= 0, f"{module} is on no floor: add its package to FLOORS and docs/architecture.md"
    return best


def _known(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported project module, line, inside a function) for each import in ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(fn)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            target = _known(name)
            if target and target != module and target.split(".")[0] in {m.split(".")[0] for m in MODULES}:
                out.append((target, node.lineno, id(node) in inside))
    return out


def test_every_import_runs_down_the_floors():
    upward = [f"{m} -> {t} (line {line})" for m in MODULES for t, line, _ in _imports(m) if _floor(t) > _floor(m)]
    assert not upward, "imports that run up a floor:\n" + "\n".join(upward)


def test_no_import_cycles_even_through_imports_inside_functions():
    graph = {m: {t for t, _, _ in _imports(m)} for m in MODULES}
    # a package's __init__ importing its own modules is how a package is made, not a cycle
    graph = {m: {t for t in ts if not (m.startswith(t + ".") and MODULES[t].name == "__init__.py")}
             for m, ts in graph.items()}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [node, nxt]) if nxt in trail
                              else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_is_longer_than_a_sitting():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_floors_check_sees_an_upward_import():
    assert _floor("assistant.analysis.population") > _floor("vectorstore.statements")
    assert _floor("ui.cli") > _floor("eval.harness") > _floor("assistant.ask") > _floor("assistant.writing.writer")
    assert any(t == "vectorstore.statements" for t, _, _ in _imports("assistant.analysis.population"))
