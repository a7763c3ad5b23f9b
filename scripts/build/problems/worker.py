"""The problem solver's subprocess: jobs as JSON on stdin, results as JSON on stdout.

Run as ``python -m scripts.build.problems.worker``; ``run.py`` starts it with a time limit.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from scripts.build.claims.evaluate import ShapeError
from scripts.build.claims.parse import ClaimSyntaxError
from scripts.build.claims.symbols import DeclarationError

from .compute import ProblemError, solve

KNOWN = {
    ClaimSyntaxError: "TeX that does not parse",
    DeclarationError: "symbols",
    ShapeError: "shape mismatch",
    ProblemError: "cannot pose this problem",
}


def solve_job(job: dict[str, Any]) -> dict[str, Any]:
    """One job → its result, or ``{"error": …}`` naming the author's mistake or the bug."""
    try:
        return solve(job)
    except tuple(KNOWN) as error:
        return {"error": {"kind": KNOWN[type(error)], "message": str(error)}}
    except Exception as error:  # a bug of the solver, or an answer it cannot compute
        trace = traceback.format_exc(limit=-3).strip()
        message = f"{type(error).__name__}: {error} (cannot compute the answer)\n{trace}"
        return {"error": {"kind": "cannot compute the answer", "message": message}}


def main() -> None:
    jobs = json.load(sys.stdin)
    json.dump({job["key"]: solve_job(job) for job in jobs}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
