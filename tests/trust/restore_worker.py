"""``python -m tests.trust.restore_worker BACKUP STORE``: a restore that prints its stages (not a test module).

Prints ``stage NAME`` as :func:`network.store.sqlite.backup.restore` reports each stage
(``begun``, ``locked``, ``copied``, ``replaced``, ``committed``) and ``done`` at the
end, so that test_crash.py can kill it at any of them or after a delay.
"""

from __future__ import annotations

import sys

from network.store.sqlite.backup import restore


def main(backup_file: str, store: str) -> None:
    restore(backup_file, store, user="restorer", progress=lambda stage: print(f"stage {stage}", flush=True))
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
