"""`python -m jwc_graph` is the same as `jwc`."""

import sys

from .cli import main

sys.exit(main())
