"""The ``storyline`` command: one group; data to stdout, progress and logs to stderr.

Each area registers its commands on :data:`main` from its own module, imported below.
"""

from storyline.cli.common import main

from storyline.cli import build_command, read_commands  # noqa: E402,F401  (registers commands)

__all__ = ["main"]
