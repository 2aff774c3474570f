"""Optional dependencies (the ``data`` extra: pyarrow and pandas), imported only when used."""

from __future__ import annotations

import importlib
from types import ModuleType

from storyline.exports.records import ExportError

DATA_EXTRA_HINT = "install the data extra: pip install 'storyline[data]'"


class MissingDependency(ExportError, ImportError):
    """An optional dependency a feature needs is not installed."""


def require(module: str, purpose: str) -> ModuleType:
    """Import an optional module, or raise :class:`MissingDependency` (an ExportError) that says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.split(".")[0]
        raise MissingDependency(f"{purpose} needs {top}, which is not installed; {DATA_EXTRA_HINT}") from error
