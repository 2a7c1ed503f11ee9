"""Render the sample documents to PDF from a checkout: ``python samples/build.py [--out DIR]``
(default ``samples/pdf``).  The samples and their renderer live in the package, ``rasoat/samples/``
(so an installed rasoat has them); this script only runs ``rasoat.samples.build``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout, when rasoat is not installed

from rasoat.samples.build import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(out=Path(__file__).resolve().parent / "pdf"))
