"""Execute one notebook, cell by cell, in a fresh Jupyter kernel:
``python -m scripts.build.notebooks.execute IN OUT``. Run by the build in a subprocess of its own
(see build.py) so a deadline can kill it, kernel included.

nbclient does the executing. Cells are run one at a time only so that a failure can name the
cell; the executed notebook is written only when every cell succeeded (exit status 0). On a
failure the last line of stderr is ``cell N: <error>`` (exit status 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

KERNEL = "python3"


def execute(source: Path, target: Path, kernel: str = KERNEL) -> None:
    notebook = nbformat.read(source, as_version=4)
    # No timing in cell metadata: the same notebook must give the same bytes on every run.
    client = NotebookClient(
        notebook,
        kernel_name=kernel,
        record_timing=False,
        allow_errors=False,
        resources={"metadata": {"path": str(Path.cwd())}},
    )
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                origin = cell.metadata.get("origin", "")
                where = f"cell {index + 1}" + (f" (code from {origin})" if origin else "")
                reason = f"{error.ename}: {error.evalue}" if error.ename else str(error)
                print(error, file=sys.stderr)
                print(f"{where}: {reason}", file=sys.stderr)
                sys.exit(1)
    # How a cell's printing is cut into stream messages depends on timing; joined, the same
    # notebook gives the same bytes (two clean builds are byte-identical).
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    nbformat.write(notebook, target)


if __name__ == "__main__":
    execute(Path(sys.argv[1]), Path(sys.argv[2]), *(sys.argv[3:4] or []))
