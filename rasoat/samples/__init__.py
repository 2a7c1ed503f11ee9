"""The sample corpus: ``samples/build.py`` beside the packages (our own
documents and the script that renders them to PDF), loaded as a module."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

BUILD_SCRIPT = Path(__file__).resolve().parent.parent / "samples" / "build.py"


@cache
def builder() -> ModuleType:
    """``samples/build.py`` as a module (``build_all``, ``render``, ``sample_paths`` …)."""
    spec = importlib.util.spec_from_file_location("rasoat_samples_build", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
