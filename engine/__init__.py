"""socialaudit's core: hook specifications, domain model and the assessment pipeline.

Nothing here knows about the web, a database or a terminal; `api/` wires those around it.
Plugins import from here only: `from engine import hookimpl`.
"""

import pluggy

PROJECT_NAME = "socialaudit"
__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marker for plugin hook implementations: decorate ``socialaudit_*`` functions with it."""

__all__ = ["PROJECT_NAME", "__version__", "hookimpl"]
