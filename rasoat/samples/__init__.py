"""The sample corpus: invented documents of our own (``documents/*.txt``,
package data, so an installed wheel has them) and the module that renders
them to PDF (``rasoat.samples.build``).  The top-level ``samples/`` folder of
a checkout points here (``samples/build.py`` runs this module,
``samples/documents`` is a link to ``documents``)."""

from __future__ import annotations

from types import ModuleType


def builder() -> ModuleType:
    """``rasoat.samples.build`` (``build_all``, ``render``, ``sample_paths`` …),
    imported when asked for: it needs reportlab."""
    from rasoat.samples import build

    return build
