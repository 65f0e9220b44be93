"""``python -m network.cli``: the same as the ``renkei`` command."""

import sys

from network.cli import main

sys.exit(main())
