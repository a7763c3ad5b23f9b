"""The notebook edition: each outline in ``snippets/notebooks/`` becomes an executed notebook.

Same pipeline as a snippet: assemble (source.py) → run in a subprocess with a time
limit, in an empty temporary directory so the notebook cannot lean on this repository
(execute.py) → cache the executed .ipynb by a hash of everything that can change it
(the assembled notebook, the executing code, library versions) → serve it as a generated
file, which mkdocs-jupyter shows as a page (``execute: false``) and offers for download.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts.build.cache_files import cache_root, stable_key, write_atomic
from scripts.build.notebooks.source import NotebookAssembler, Outline
from scripts.build.snippets.cache import library_versions
from scripts.build.snippets.runner import child_env, run_with_deadline

log = logging.getLogger("mkdocs.plugins.notebooks")
SITE_DIR = "notebooks"
EXECUTOR = Path(__file__).with_name("execute.py")
KERNEL_PACKAGES = ("ipykernel", "nbclient")


class NotebookError(PluginError):
    """A notebook could not be made or a cell failed; the message names the notebook and cell."""


def notebook_timeout() -> float:
    """Seconds a whole notebook may run: ``NOTEBOOK_TIMEOUT``, else 300."""
    return float(os.environ.get("NOTEBOOK_TIMEOUT", "300"))


def notebooks_dir(snippets: Path) -> Path:
    """Where outlines live: ``NOTEBOOKS_DIR`` if set (fixture sites have none), else
    ``notebooks/`` beside the snippets."""
    return Path(os.environ.get("NOTEBOOKS_DIR", snippets / "notebooks"))


def ready_marker() -> Path:
    """A file written when a notebook executed in the background is in the cache: `mkdocs
    serve` watches its directory, so the page is rebuilt with it."""
    return cache_root() / "notebooks-ready" / "ready"


class _Background:
    """Notebooks executed after the pages are served, one at a time, for one serve process.

    Under `mkdocs serve` an edit must not wait for a kernel: the page of a notebook whose
    snippets changed is served from its last executed version, marked out of date, while this
    executes the new one; the marker file then starts the rebuild that shows it. A notebook that
    fails is remembered, so the next build reports its error instead of trying it again.
    """

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.queued: set[Path] = set()
        self.failed: dict[Path, str] = {}
        self.lock = threading.Lock()

    def submit(self, build: NotebookBuild, outline: Outline, text: str, target: Path) -> None:
        with self.lock:
            if target in self.queued:
                return
            self.queued.add(target)
        self.pool.submit(self._run, build, outline, text, target)

    def _run(self, build: NotebookBuild, outline: Outline, text: str, target: Path) -> None:
        try:
            build._execute(outline, text, target, background=True)
        except NotebookError as error:
            self.failed[target] = str(error)
        finally:
            with self.lock:
                self.queued.discard(target)
            write_atomic(ready_marker(), str(time.time_ns()).encode())


BACKGROUND = _Background()


class NotebookBuild:
    """Per-build state of the notebook edition."""

    def __init__(self, snippets_dir: Path, site_url: str, deferred: bool = False) -> None:
        self.snippets_dir = snippets_dir
        self.site_url = site_url
        self.cache = cache_root() / "notebooks"
        self.executed: dict[str, Path] = {}  # outline name → executed notebook in the cache
        # Under `mkdocs serve`: execute changed notebooks in the background (``_Background``).
        self.deferred = deferred
        self.out_of_date: set[str] = set()  # served from an older execution meanwhile

    def outlines(self) -> list[Outline]:
        return [Outline.read(p) for p in sorted(notebooks_dir(self.snippets_dir).glob("*.yml"))]

    def run(self) -> None:
        """Take every notebook from the cache or execute it; fail on the first bad cell."""
        outlines = self.outlines()
        if not outlines:
            return
        versions = {**library_versions(), **_versions(KERNEL_PACKAGES)}
        executor_code = EXECUTOR.read_text(encoding="utf-8")
        pending = []
        for outline in outlines:
            notebook = NotebookAssembler(self.snippets_dir, self.site_url).assemble(outline)
            text = nbformat.writes(notebook)
            key = stable_key(text, executor_code, versions)
            # The key's directory stands for a docs_dir holding just this notebook.
            target = self.cache / outline.name / key[:32] / SITE_DIR / f"{outline.name}.ipynb"
            self.executed[outline.name] = target
            if target.is_file():
                continue
            if target in BACKGROUND.failed:
                raise NotebookError(BACKGROUND.failed.pop(target))
            older = self._last_executed(outline.name) if self.deferred else None
            if older is None:
                pending.append((outline, text, target))
                continue
            self.executed[outline.name] = older
            self.out_of_date.add(outline.name)
            BACKGROUND.submit(self, outline, text, target)
        workers = max(1, min(len(pending), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda job: self._execute(*job), pending))
        log.info(
            "notebooks: %d, %d from cache, %d executed%s",
            len(outlines),
            len(outlines) - len(pending) - len(self.out_of_date),
            len(pending),
            f", {len(self.out_of_date)} executing after serving" if self.out_of_date else "",
        )

    def _last_executed(self, name: str) -> Path | None:
        """The newest executed version of notebook ``name`` in the cache, if any."""
        found = sorted(self.cache.glob(f"{name}/*/{SITE_DIR}/{name}.ipynb"),
                       key=lambda p: p.stat().st_mtime)  # fmt: skip
        return found[-1] if found else None

    def _execute(self, outline: Outline, text: str, target: Path, background: bool = False) -> None:
        shown = f"{os.path.relpath(outline.path)} → {SITE_DIR}/{outline.name}.ipynb"
        workdir = Path(tempfile.mkdtemp(prefix="notebook-", dir=_scratch(self.cache)))
        try:
            source, executed = workdir / "in.ipynb", workdir / "out.ipynb"
            source.write_text(text, encoding="utf-8")
            env = child_env(workdir, MPLBACKEND="module://matplotlib_inline.backend_inline")
            run_dir = workdir / "run"  # empty: the notebook finds nothing of the repository
            run_dir.mkdir()
            command = [sys.executable, str(EXECUTOR), str(source), str(executed)]
            if background:  # the author's next edit, and its rebuild, go first
                command = ["nice", "-n", "15", *command]
            finished = run_with_deadline(command, run_dir, env, notebook_timeout())
            if finished is None:
                raise NotebookError(
                    f"{shown}: killed after the time limit of {notebook_timeout():g} s "
                    "(raise it with NOTEBOOK_TIMEOUT)"
                )
            status, _, stderr = finished
            if status != 0:
                lines = [line for line in stderr.strip().splitlines() if line.strip()]
                raise NotebookError(f"{shown}: {lines[-1] if lines else 'failed'}\n{stderr}")
            write_atomic(target, executed.read_bytes())
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Serve each executed notebook as ``notebooks/NAME.ipynb`` (a page, via mkdocs-jupyter)."""
        for name, path in sorted(self.executed.items()):
            # A File with a source directory, like a page of docs/: mkdocs-jupyter's page
            # wrapper reads its source through that, which a File.generated() lacks.
            files.append(
                File(
                    f"{SITE_DIR}/{name}.ipynb",
                    src_dir=str(path.parent.parent),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )


def _versions(packages: tuple[str, ...]) -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in packages}


def _scratch(cache: Path) -> Path:
    path = cache / ".scratch"
    path.mkdir(parents=True, exist_ok=True)
    return path
