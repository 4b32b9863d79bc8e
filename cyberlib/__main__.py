"""``python -m cyberlib``: the command line (see :mod:`cyberlib.cli`)."""

import sys

from cyberlib.cli import main

sys.exit(main())
