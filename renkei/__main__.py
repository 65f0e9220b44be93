"""``python -m renkei …`` is the ``renkei`` command."""

from __future__ import annotations

import sys

from network.cli import main

if __name__ == "__main__":
    sys.exit(main())
