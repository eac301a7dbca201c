"""socialaudit's built-in plugins. Each registers through the ``socialaudit`` entry-point
group in ``pyproject.toml``, exactly as a third-party plugin does, and imports only `engine`."""
