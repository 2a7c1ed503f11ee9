"""The layering of the code, checked by reading every module's imports with ``ast`` (imports inside functions
count too: a lazy import is still a dependency).

    shared knowledge (rasoat.models, facts, vntext, numbers, gazetteer, limits, files, …)
        ↑ ingest   ↑ extract   ↑ rules      (data flows ingest → extract → rules; no stage reaches back)
            ↑ glue: rasoat.pipeline, store, cli, bench, evaluate, samples, web
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "extract", "rules", "rasoat")
# rasoat's modules that orchestrate, store or serve: the stages and the shared layer must not import them
GLUE = ("rasoat.pipeline", "rasoat.store", "rasoat.cli", "rasoat.bench", "rasoat.evaluate", "rasoat.samples",
        "rasoat.web", "rasoat.links", "rasoat.search_index", "rasoat.registry", "rasoat.cluster")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            out[module_name(path)] = path
    return out


def imports(name: str, path: Path) -> set[str]:
    """Every module this one imports (absolute names, relative imports resolved), anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)  # "from extract import regexes"
    return {f for f in found if f.split(".")[0] in PACKAGES}


ALL = modules()
GRAPH = {name: {i for i in imports(name, path) if i in ALL} for name, path in ALL.items()}
RAW = {name: imports(name, path) for name, path in ALL.items()}


def _in(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(source: tuple[str, ...], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(
        f"{m} imports {i}"
        for m, deps in RAW.items() if _in(m, source)
        for i in deps if _in(i, forbidden) and not _in(i, allowed) and not _in(i, source)
    )


def test_ingest_imports_no_later_stage():
    assert violations(("ingest",), ("extract", "rules") + GLUE) == []


def test_extract_imports_no_later_stage():
    assert violations(("extract",), ("rules",) + GLUE) == []


def test_rules_import_only_the_public_api_of_extract():
    bad = sorted(f"{m} imports {i}" for m, deps in RAW.items() if _in(m, ("rules",))
                 for i in deps if i.startswith("extract.") and i.rpartition(".")[0] == "extract"
                 and i.rpartition(".")[2] not in _public_names())
    assert bad == []
    assert violations(("rules",), GLUE) == []


def _public_names() -> set[str]:
    """What ``extract/__init__.py`` exports (``__all__``)."""
    tree = ast.parse((ROOT / "extract" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def test_shared_layer_imports_no_stage_and_no_glue():
    shared = tuple(m for m in ALL if m.startswith("rasoat.") and not _in(m, GLUE) and m != "rasoat")
    assert violations(shared, ("ingest", "extract", "rules") + GLUE) == []


def test_no_import_cycles():
    cycles, state, stack = [], {}, []

    def visit(m: str) -> None:
        state[m] = "open"
        stack.append(m)
        for d in sorted(GRAPH[m]):
            if d == m or _is_parent(d, m):
                continue  # a module importing its own package's __init__ (re-exports) is not a cycle
            if state.get(d) == "open":
                cycles.append(" → ".join(stack[stack.index(d):] + [d]))
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = "done"

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)
    assert cycles == []


def _is_parent(pkg: str, module: str) -> bool:
    return module.startswith(pkg + ".")


@pytest.mark.parametrize("source, expected", [
    ("from extract import regexes as rx\n", {"extract", "extract.regexes"}),
    ("def f():\n    from rules.base import rule\n", {"rules.base", "rules.base.rule"}),
    ("import json\nfrom . import base\n", {"rules", "rules.base"}),
])
def test_imports_are_read_everywhere_in_a_module(tmp_path, source, expected):
    path = tmp_path / "mod.py"
    path.write_text(source, encoding="utf-8")
    assert imports("rules.mod", path) == expected
