"""Assemble a notebook from its outline and the snippets it names: one source of truth.

An outline (``snippets/notebooks/NAME.yml``) holds the Chinese text of the notebook and, per
step, the snippet whose code runs there. The code cells are the snippets' own source, read at
build time; nothing is copied by hand. A downloaded notebook must run without this repository,
so what a snippet imports from the helpers (``_style``, ``_latex``, another snippet) is taken
from their source too — just the definitions it uses and what those need — and ``build(out)``
runs with ``snippets/_notebook.py`` standing in for the functions that would write files.
No library assembles notebooks from module sources like this (jupytext converts one file to
one notebook), hence this module.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from nbformat import NotebookNode

from scripts.build.site_nav import NavPage

RUNTIME = "_notebook"
# What _notebook.py provides in place of the build's file writers, and what it needs for that.
RUNTIME_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "save_plot": (("_style", "LIGHT"), ("_style", "DARK"), ("_style", "theme_rc")),
    "save_markdown": (),
    "save_verdict": (),
}
FUTURE = "from __future__ import annotations"


class OutlineError(ValueError):
    """An outline that cannot become a notebook, with the file and the reason."""


@dataclass(frozen=True)
class Outline:
    name: str
    path: Path
    title: str
    page: str
    intro: str
    steps: list[dict[str, str]]

    @classmethod
    def read(cls, path: Path) -> Outline:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        try:
            return cls(path.stem, path, data["title"], data["page"], data["intro"], data["steps"])
        except (KeyError, TypeError) as error:
            raise OutlineError(f"{path}: outline lacks {error}") from None

    def snippets(self) -> list[str]:
        return [step["snippet"] for step in self.steps if "snippet" in step]


@dataclass
class _Module:
    """One snippets/ module, parsed: its top-level names and the statements defining them."""

    path: Path
    source: str
    tree: ast.Module
    defs: dict[str, ast.stmt] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> _Module:
        source = path.read_text(encoding="utf-8")
        module = cls(path, source, ast.parse(source, filename=str(path)))
        for stmt in module.tree.body:
            for name in _bound_names(stmt):
                module.defs[name] = stmt
        return module

    def segment(self, stmt: ast.stmt) -> str:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
        lines = self.source.splitlines()
        return "\n".join(lines[first - 1 : stmt.end_lineno])


class NotebookAssembler:
    """Builds one notebook; remembers which names earlier cells already define."""

    def __init__(self, snippets_dir: Path, site_url: str) -> None:
        self.dir = snippets_dir
        self.site_url = site_url.rstrip("/") + "/"
        self.modules: dict[str, _Module] = {}
        # name → the module whose definition the notebook's namespace holds at this point
        self.defined: dict[str, str] = {}
        self.sources: set[Path] = set()  # every file the notebook's code comes from

    def module(self, name: str) -> _Module:
        if name not in self.modules:
            path = self.dir / f"{name}.py"
            self.modules[name] = _Module.load(path)
            self.sources.add(path)
        return self.modules[name]

    def is_local(self, name: str) -> bool:
        return (self.dir / f"{name}.py").is_file()

    def assemble(self, outline: Outline) -> NotebookNode:
        page_url = self.site_url + NavPage(outline.title, outline.page).url
        header = (
            f"# {outline.title}\n\n{outline.intro.strip()}\n\n"
            f"本笔记本配合网站页面 [{outline.title.split(' · ')[0]}]({page_url}) 阅读。"
            "它只需要 numpy、matplotlib 和 sympy；代码与网站构建时运行的代码是同一份。"
        )
        cells = [nbformat.v4.new_markdown_cell(header)]
        runtime = self.module(RUNTIME)
        cells.append(_code(self._strip(runtime, header_comment=RUNTIME), f"snippets/{RUNTIME}.py"))
        self.defined.update(dict.fromkeys(runtime.defs, RUNTIME))
        for step in outline.steps:
            cells.append(nbformat.v4.new_markdown_cell(step["text"].strip()))
            if "snippet" in step:
                cells.extend(self._snippet_cells(outline, step["snippet"]))
        notebook = nbformat.v4.new_notebook(cells=cells)
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.metadata["language_info"] = {"name": "python"}
        # Stable cell ids: the same outline and sources give the same notebook bytes.
        for i, cell in enumerate(notebook.cells):
            cell["id"] = f"{outline.name}-{i}"
        return notebook

    def _snippet_cells(self, outline: Outline, snippet: str) -> list[NotebookNode]:
        if not self.is_local(snippet):
            raise OutlineError(f"{outline.path}: no snippet {snippet!r} in {self.dir}")
        module = self.module(snippet)
        helpers = self._helpers_for(module)
        origin = f"snippets/{snippet}.py"
        cells = []
        if helpers:
            cells.append(_code(helpers, f"helpers used by {origin}"))
        cells.append(_code(self._strip(module, header_comment=snippet), origin))
        self.defined.update(dict.fromkeys(module.defs, snippet))
        if "build" in module.defs:
            cells.append(_code("build(OUT)", f"build(OUT) of {origin}"))
        return cells

    def _helpers_for(self, module: _Module) -> str:
        """The definitions ``module`` imports from other snippets/ modules, not yet defined."""
        wanted: dict[str, set[str]] = {}
        for stmt in module.tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module and self.is_local(stmt.module):
                for alias in stmt.names:
                    self._want(stmt.module, alias.name, wanted)
        parts = []
        for name, names in wanted.items():
            helper = self.module(name)
            stmts = [
                s
                for s in helper.tree.body
                if set(_bound_names(s)) & names and not _is_local_import(s, self)
            ]
            imports = "\n".join(
                helper.segment(s) for s in stmts if isinstance(s, ast.Import | ast.ImportFrom)
            )
            defs = "\n\n\n".join(
                helper.segment(s) for s in stmts if not isinstance(s, ast.Import | ast.ImportFrom)
            )
            code = "\n\n".join(part for part in (imports, defs) if part)
            if code:
                parts.append(f"# 摘自 snippets/{name}.py\n{code}")
            self.defined.update(dict.fromkeys(names, name))
        return f"{FUTURE}\n\n" + "\n\n\n".join(parts) if parts else ""

    def _want(self, module_name: str, name: str, wanted: dict[str, set[str]]) -> None:
        # An import binds the name to this module's definition, even where an earlier cell
        # defined the same name differently (two snippets may both define ``gradient``).
        if self.defined.get(name) == module_name or name in wanted.get(module_name, set()):
            return
        if name in RUNTIME_NAMES:
            for need in RUNTIME_NAMES[name]:
                self._want(*need, wanted)
            return
        module = self.module(module_name)
        stmt = module.defs.get(name)
        if stmt is None:
            raise OutlineError(f"{module.path}: defines no {name!r}")
        # Dependencies first, so the cell defines them before use.
        if isinstance(stmt, ast.ImportFrom) and stmt.module and self.is_local(stmt.module):
            self._want(stmt.module, name, wanted)
            return
        wanted.setdefault(module_name, set()).add(name)
        for used in _used_names(stmt):
            if used in module.defs and used != name:
                self._want(module_name, used, wanted)

    def _strip(self, module: _Module, header_comment: str) -> str:
        """The module's source without its docstring, future import and local imports."""
        lines = module.source.splitlines()
        drop: set[int] = set()
        for i, stmt in enumerate(module.tree.body):
            docstring = (
                i == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
            )
            future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
            if docstring or future or _is_local_import(stmt, self):
                drop.update(range(stmt.lineno - 1, stmt.end_lineno or stmt.lineno))
        kept = "\n".join(line for n, line in enumerate(lines) if n not in drop).strip("\n")
        while "\n\n\n\n" in kept:
            kept = kept.replace("\n\n\n\n", "\n\n\n")
        return f"{FUTURE}\n\n# snippets/{header_comment}.py\n{kept}"


def _code(source: str, origin: str) -> NotebookNode:
    """A code cell that remembers where its code comes from, for error messages."""
    return nbformat.v4.new_code_cell(source, metadata={"origin": origin})


def _is_local_import(stmt: ast.stmt, assembler: NotebookAssembler) -> bool:
    return (
        isinstance(stmt, ast.ImportFrom)
        and stmt.module is not None
        and assembler.is_local(stmt.module)
    )


def _bound_names(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [stmt.name]
    if isinstance(stmt, ast.Assign):
        return [n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return [stmt.target.id]
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        return [(a.asname or a.name).split(".")[0] for a in stmt.names]
    return []


def _used_names(stmt: ast.stmt) -> set[str]:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)} | {
        n.value.id
        for n in ast.walk(stmt)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }
