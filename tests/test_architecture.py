"""The package's shape, checked from its source with ``ast`` (nothing is imported):

- no import cycle between okrcoach's modules, counting imports at module level *and* inside
  functions and methods (a lazy import still runs, only later);
- each top-level package sits on a layer and imports only from its own layer or lower ones;
- only the entry points sit loose at the top of ``okrcoach/``;
- no module imports a path that moved (``okrcoach.checkins`` …): those are kept for users only.

Imports under ``if TYPE_CHECKING:`` never run, so they cannot close an import cycle and are left out
of the cycle check; they must still respect the layers (a type may only come from below).
See docs/architecture.md for the stages and the reasons behind each layer.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "okrcoach"

# Lower numbers are lower layers; a module may import from its own layer or any lower one.
LAYERS = {
    "core": 0,  # data model and input errors: imports nothing from okrcoach
    "analysis": 1,  # text analysis, lexicons, metric catalogue, text similarity
    "readers": 2,  # files and pasted drafts → OKRTable / OKR sets
    "cycle": 3,  # scores, weekly updates, rhythm: the data of an OKR period
    "classifier": 3,  # judges (lexicon, trained models), training, active labeling
    "rules": 4,  # the rule registry, the rules, their contexts, the config and the engine
    "reports": 5,  # CSV/JSON/Excel/HTML writers, charts, the weekly template
    "auditing": 6,  # batch audits, weekly check-ins, the cycle review
    "coaching": 7,  # one draft: check_draft, suggest_krs
    "widgets": 8,  # views: Jupyter panels and the workshop app
    "cli": 8,  # views: the command line
    "spacy_component": 8,  # views: the spaCy pipeline component
    "__init__": 9,  # okrcoach/__init__.py: lazy re-exports of everything public
}
# (importer, imported) pairs allowed to point upward, each with its reason. Keep it empty.
LAYER_EXCEPTIONS: dict[tuple[str, str], str] = {}
LOOSE_MODULES = {"__init__.py", "cli.py", "spacy_component.py"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p): p for p in sorted(root.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, type_checking: bool = False):
    """Every Import/ImportFrom node with whether it sits under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, type_checking
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), type_checking)
        else:
            yield from _imports(node, type_checking)


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The okrcoach module ``name`` refers to: itself, or the package/module that defines it."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def imported_names(modules: dict[str, Path]):
    """``(importer, absolute dotted name, line)`` for every ``okrcoach`` name imported, before resolving."""
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node, _ in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                yield from ((name, a.name, node.lineno) for a in node.names)
                continue
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            yield name, source, node.lineno
            yield from ((name, f"{source}.{a.name}", node.lineno) for a in node.names)  # 'from pkg import mod'


def moved_modules() -> dict[str, str]:
    """The old → new module paths that okrcoach/__init__.py keeps importable (its ``_MOVED``)."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_MOVED" for t in node.targets):
            return ast.literal_eval(node.value)
    return {}


def import_edges(modules: dict[str, Path]) -> list[tuple[str, str, int, bool]]:
    """``(importer, imported, line, type_checking_only)`` for every import of an okrcoach module.

    ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to ``pkg``
    (its ``__init__``); relative imports are resolved against the importer's package. A lazy
    ``_EXPORTS`` table and ``import_module("okrcoach.…")`` count too: they import on first use.
    """
    edges = []
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node, tc in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [_resolve(a.name, modules) for a in node.names]
            else:
                if node.level:
                    base = package[: len(package) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else _resolve(source, modules)
                           for a in node.names]
            for target in targets:
                if target is not None and target != name:
                    edges.append((name, target, node.lineno, tc))
        for target, line in _dynamic_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            resolved = _resolve(target, modules)
            if resolved is not None and resolved != name:
                edges.append((name, resolved, line, False))
    return edges


def _dynamic_imports(tree: ast.AST):
    """Imports named by a string: the values of a lazy ``_EXPORTS`` table and ``import_module("okrcoach…")``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_EXPORTS" for t in node.targets) \
                and isinstance(node.value, ast.Dict):
            for value in node.value.values:
                if isinstance(value, ast.Constant) and str(value.value).startswith("okrcoach"):
                    yield value.value, value.lineno
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module" \
                and node.args and isinstance(node.args[0], ast.Constant) \
                and str(node.args[0].value).startswith("okrcoach"):
            yield node.args[0].value, node.lineno


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, …, a]``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(graph):
        if state.get(start):
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


def runtime_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for src, dst, _, tc in import_edges(modules):
        if not tc:
            graph[src].add(dst)
    return graph


def layer_of(module: str) -> tuple[str, int]:
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else "__init__"
    assert key in LAYERS, f"{module}: give its package {key!r} a layer in LAYERS (tests/test_architecture.py)"
    return key, LAYERS[key]


def test_no_import_cycles():
    cycle = find_cycle(runtime_graph(all_modules()))
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_layers_point_down():
    wrong = []
    for src, dst, line, tc in import_edges(all_modules()):
        (a, la), (b, lb) = layer_of(src), layer_of(dst)
        if lb > la and (a, b) not in LAYER_EXCEPTIONS:
            wrong.append(f"{src}:{line} imports {dst}{' (TYPE_CHECKING)' if tc else ''}: {a} (layer {la}) → {b} "
                         f"(layer {lb})")
    assert not wrong, "imports from a higher layer:\n" + "\n".join(wrong)


def test_core_imports_nothing_else():
    outside = [(s, d) for s, d, _, _ in import_edges(all_modules()) if layer_of(s)[0] == "core"
               and layer_of(d)[0] != "core"]
    assert not outside


def test_no_module_imports_an_old_path():
    """The old paths are for users; inside the package an old path would hide an edge from these checks."""
    moved = moved_modules()
    assert moved, "okrcoach/__init__.py should list the moved modules in _MOVED"
    old = [f"{src}:{line} imports {name}: use {moved[o]}{name[len(o):]}"
           for src, name, line in imported_names(all_modules())
           for o in moved if name == o or name.startswith(o + ".")]
    assert not old


def test_only_entry_points_sit_loose():
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose <= LOOSE_MODULES, f"move {sorted(loose - LOOSE_MODULES)} into the package of its stage"
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages <= set(LAYERS), f"give {sorted(packages - set(LAYERS))} a layer in LAYERS"


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "okrcoach" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "okrcoach"


@pytest.mark.parametrize("files, cycle", [
    # a lazy import inside a function counts
    ({"__init__.py": "", "a.py": "from . import b\n", "b.py": "def f():\n    from .a import x\n"},
     ["okrcoach.a", "okrcoach.b", "okrcoach.a"]),
    # a lazy _EXPORTS table is an edge too
    ({"__init__.py": "", "p/__init__.py": "_EXPORTS = {'x': 'okrcoach.p.s'}\n", "p/s.py": "from okrcoach.p import y\n"},
     ["okrcoach.p", "okrcoach.p.s", "okrcoach.p"]),
    # a submodule importing a name its package re-exports from it
    ({"__init__.py": "", "p/__init__.py": "from .s import x\n", "p/s.py": "from okrcoach.p import y\n"},
     ["okrcoach.p", "okrcoach.p.s", "okrcoach.p"]),
    # 'from ..pkg import mod' is an edge to the module, and relative levels resolve
    ({"__init__.py": "", "p/__init__.py": "", "p/a.py": "from ..q import b\n",
      "q/__init__.py": "", "q/b.py": "import okrcoach.p.a\n"},
     ["okrcoach.p.a", "okrcoach.q.b", "okrcoach.p.a"]),
])
def test_the_check_finds_a_cycle(tmp_path, files, cycle):
    root = _write(tmp_path, files)
    assert find_cycle(runtime_graph(_modules(root))) == cycle


def test_type_checking_imports_are_not_runtime_edges(tmp_path):
    root = _write(tmp_path, {"__init__.py": "", "a.py": "from .b import x\n",
                             "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n"})
    assert find_cycle(runtime_graph(_modules(root))) is None


def _modules(root: Path) -> dict[str, Path]:
    """A scratch package's modules, named as :func:`module_name` names the real ones."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out
