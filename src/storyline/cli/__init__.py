"""The ``storyline`` command: one group; data to stdout, progress and logs to stderr.

Each area registers its commands on :data:`main` from its own module, imported below.
"""

from storyline.cli.common import main

from storyline.cli import build_command, read_commands  # noqa: E402,F401  (registers commands)
from storyline.cli import ingest_commands  # noqa: E402,F401  (registers commands)
from storyline.cli import web_command  # noqa: E402,F401  (registers commands)
from storyline.cli import entity_commands  # noqa: E402,F401  (registers commands)
from storyline.cli import rewrite_command  # noqa: E402,F401  (registers commands)

__all__ = ["main"]
