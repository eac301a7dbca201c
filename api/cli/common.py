"""What the subcommands share: the plugin registry from `plugins.toml`, and error output."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from socialaudit.engine.config import find_config, load_settings
from socialaudit.engine.registry import Registry, build_registry

EXIT_INPUT_ERROR = 2

stderr = Console(stderr=True)


def console_error(message: str) -> None:
    """The message as written: a TOML path like `custom.rules[0]` or a hint like `.[postgres]`
    must not be read as rich markup."""
    stderr.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)


def load_registry(config: Path | None) -> Registry:
    """Plugins as configured by `--config`, `$SOCIALAUDIT_PLUGINS_TOML` or ./plugins.toml."""
    return build_registry(load_settings(find_config(config)))


config_option_help = (
    "plugins.toml to use (default: $SOCIALAUDIT_PLUGINS_TOML, else ./plugins.toml if present)"
)
