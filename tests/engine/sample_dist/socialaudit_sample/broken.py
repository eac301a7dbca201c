"""A plugin module that fails on import, as a plugin with a missing dependency would."""

import socialaudit_sample_missing_dependency  # noqa: F401
