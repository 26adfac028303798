"""``python -m summarize``."""

import sys

from summarize.cli import main

sys.exit(main())
