"""socialaudit's core: hook specifications, domain model and the assessment pipeline.

Nothing here knows about the web, a database or a terminal; `service/` and `api/` wire those
around it. Plugin authors import from :mod:`socialaudit.plugin`, which re-exports what they need
from here.
"""

import pluggy

from socialaudit import __version__

PROJECT_NAME = "socialaudit"

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marker for plugin hook implementations: decorate ``socialaudit_*`` functions with it."""

__all__ = ["PROJECT_NAME", "__version__", "hookimpl"]
