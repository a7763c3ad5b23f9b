"""The claim checker's subprocess: reads jobs (JSON on stdin), writes verdicts (JSON on stdout).

Run as ``python -m scripts.build.claims.worker``; ``run.py`` starts it with a time limit.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from .check import Claim, verify_claim
from .evaluate import ShapeError
from .parse import ClaimSyntaxError
from .symbols import DeclarationError, SymbolTable

KNOWN = {
    ClaimSyntaxError: "TeX that does not parse",
    DeclarationError: "symbols",
    ShapeError: "shape mismatch",
}


def check_job(job: dict[str, Any]) -> dict[str, Any]:
    """One job → ``{"verdict": …}`` or ``{"error": …}`` (an author's error, named)."""
    try:
        table = SymbolTable.from_front_matter(job["symbols"])
        verdict = verify_claim(Claim(job["tex"], tuple(job["given"])), table)
    except tuple(KNOWN) as error:
        return {"error": {"kind": KNOWN[type(error)], "message": str(error)}}
    return {"verdict": verdict}


def main() -> None:
    jobs = json.load(sys.stdin)
    results = {job["key"]: check_job(job) for job in jobs}
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
