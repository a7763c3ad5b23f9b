"""The answer boxes' browser code, bundled by esbuild and served by the site itself.

``js/build.mjs`` bundles two files: ``answer-boot.js`` (loaded on every page: it shows the boxes
and the reader's progress, and nothing else) and ``answer-check.js`` (mathjs and the checker,
imported the first time a reader focuses a box). The bundle is cached under a hash of the
sources and the npm lock file, so a build without changes to them runs no node at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts.build.cache_files import cache_root
from scripts.build.snippets.runner import run_with_deadline

JS_DIR = Path(__file__).with_name("js")
ROOT = JS_DIR.parents[3]
SITE_DIR = "assets/answers"
OUTPUTS = ("answer-boot.js", "answer-check.js")
BUNDLE_TIMEOUT = 120.0


def bundle_key() -> str:
    """SHA-256 of the bundle's inputs: the browser sources, the build script, the npm lock."""
    digest = hashlib.sha256()
    inputs = sorted(p for p in JS_DIR.iterdir() if p.suffix in (".js", ".mjs") and
                    not p.name.endswith(".test.mjs"))  # fmt: skip
    for path in [*inputs, ROOT / "package-lock.json"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def bundled() -> Path:
    """The directory holding the bundle, built now unless the cache has it."""
    target = cache_root() / "answers" / bundle_key()
    if _complete(target):
        return target
    # A scratch directory of this build's own: builds running at once (the test workers, a
    # `serve` beside a `build`) each bundle into theirs, and the first to finish publishes.
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        _bundle_into(scratch)
        try:
            scratch.rename(target)
        except OSError:  # the name is taken: by a build that published first, or a broken entry
            if not _complete(target):
                broken = Path(tempfile.mkdtemp(dir=target.parent, prefix=".broken."))
                target.rename(broken / target.name)
                shutil.rmtree(broken)
                scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _complete(directory: Path) -> bool:
    return all((directory / name).is_file() for name in OUTPUTS)


def _bundle_into(scratch: Path) -> None:
    command = ["node", str(JS_DIR / "build.mjs"), str(scratch)]
    finished = run_with_deadline(command, ROOT, dict(os.environ), BUNDLE_TIMEOUT)
    if finished is None or finished[0] != 0:
        why = "timed out" if finished is None else finished[2][-2000:]
        raise PluginError(f"bundling the answer checker failed ({' '.join(command)}): {why}")
    missing = [name for name in OUTPUTS if not (scratch / name).is_file()]
    if missing:
        raise PluginError(f"js/build.mjs did not write {', '.join(missing)}")


def add_answer_assets(files: Files, config: MkDocsConfig) -> None:
    """Add ``assets/answers/*.js`` to the site's files."""
    directory = bundled()
    for name in OUTPUTS:
        files.append(
            File.generated(config, f"{SITE_DIR}/{name}", abs_src_path=str(directory / name))
        )
