"""The ``runlog`` console script, as pip writes it: what a runner's shell starts."""

import re
import sys

from runlog.cli import main

if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\.pyw|\.exe)?$", "", sys.argv[0])
    sys.exit(main())
