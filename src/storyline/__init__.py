"""Storyline: turn news articles about an unfolding story into a sourced, dated account."""

__version__ = "0.1.0"

from storyline.api import Storyline, open  # noqa: E402,A004  (storyline.open(db): the notebook API)

__all__ = ["Storyline", "open", "__version__"]
