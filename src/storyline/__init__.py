"""Storyline: turn news articles about an unfolding story into a sourced, dated account."""

__version__ = "0.1.0"
