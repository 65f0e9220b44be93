"""Run a command and report its peak resident memory, not its parent's.

Linux hands a child the parent's peak: a process's ``ru_maxrss`` (its own ``RUSAGE_SELF``, or what ``wait4``
returns for it) keeps the high-water mark of the memory it ran in before ``exec``, which after ``fork`` is
the parent's.  A 50 MB child of a 600 MB test process reports 611 MB (measured).  This script is the small
process in between: run it with the command, and it prints the command's own peak on its last stderr line::

    python bench/peak.py renkei import big.csv
    # … the command's output …
    # {"rc": 0, "peak_kib": 61936, "cpu_s": 1.25}

:func:`run` does that from Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["run"]

HERE = Path(__file__).resolve()


def run(
    argv: list[str], *, stdout: int = subprocess.PIPE, **kw: object
) -> tuple[subprocess.CompletedProcess, int, float]:
    """``subprocess.run(argv, stdout=stdout, stderr=PIPE, text=True, **kw)`` through this script: the finished
    process (its stderr without the report line), its peak resident memory in KiB and its CPU seconds."""
    p = subprocess.run(  # type: ignore[call-overload]
        [sys.executable, str(HERE), *argv], stdout=stdout, stderr=subprocess.PIPE, text=True, **kw
    )
    lines = p.stderr.rstrip("\n").split("\n")
    report = json.loads(lines[-1])
    p.stderr = "\n".join(lines[:-1])
    p.returncode = report["rc"]
    return p, int(report["peak_kib"]), float(report["cpu_s"])


def main() -> int:
    child = subprocess.Popen(sys.argv[1:])
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    cpu = round(usage.ru_utime + usage.ru_stime, 3)
    print(json.dumps({"rc": code, "peak_kib": usage.ru_maxrss, "cpu_s": cpu}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
