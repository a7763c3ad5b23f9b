"""The claim checker's subprocess: reads jobs (JSON on stdin), writes verdicts (JSON on stdout).

Run as ``python -m scripts.build.claims.worker``; ``run.py`` starts it with a time limit.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from .check import Claim, NotAnIdentityError, verify_claim
from .evaluate import ShapeError
from .parse import ClaimSyntaxError
from .symbols import DeclarationError, SymbolTable

KNOWN = {
    ClaimSyntaxError: "TeX that does not parse",
    DeclarationError: "symbols",
    ShapeError: "shape mismatch",
    NotAnIdentityError: "no identity",
}


def check_job(job: dict[str, Any]) -> dict[str, Any]:
    """One job → ``{"verdict": …}`` or ``{"error": …}`` (an author's error, named)."""
    try:
        table = SymbolTable.from_front_matter(job["symbols"])
        verdict = verify_claim(Claim(job["tex"], tuple(job["given"])), table)
    except tuple(KNOWN) as error:
        return {"error": {"kind": KNOWN[type(error)], "message": str(error)}}
    except RecursionError:
        message = "nested too deeply: does a definition in 'given' refer to itself?"
        return {"error": {"kind": "symbols", "message": message}}
    return {"verdict": verdict}


def _checked(job: dict[str, Any]) -> dict[str, Any]:
    """``check_job``, but a crash is reported as this claim's error (the build names its
    file:line) instead of ending the batch with a traceback that names no claim."""
    try:
        return check_job(job)
    except Exception as error:  # a bug of the checker, or a formula it misreads
        trace = traceback.format_exc(limit=-3).strip()
        message = f"{type(error).__name__}: {error} (a bug in scripts/build/claims)\n{trace}"
        return {"error": {"kind": "checker crashed", "message": message}}


def main() -> None:
    jobs = json.load(sys.stdin)
    results = {job["key"]: _checked(job) for job in jobs}
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
