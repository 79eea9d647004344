"""``python -m runlog``: the same as the ``runlog`` command."""

import sys

from runlog.cli import main

sys.exit(main())
