"""What the subcommands share: the plugin registry from `plugins.toml`, and error output."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialaudit.engine.registry import Registry

EXIT_INPUT_ERROR = 2


def console_error(message: str) -> None:
    """The message as written: a TOML path like `custom.rules[0]` or a hint like `.[postgres]`
    must not be read as rich markup."""
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True).print(
        f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True
    )


def load_registry(config: Path | None) -> Registry:
    """Plugins as configured by `--config`, `$SOCIALAUDIT_PLUGINS_TOML` or ./plugins.toml."""
    from socialaudit.engine.config import find_config, load_settings
    from socialaudit.engine.registry import build_registry

    return build_registry(load_settings(find_config(config)))


config_option_help = (
    "plugins.toml to use (default: $SOCIALAUDIT_PLUGINS_TOML, else ./plugins.toml if present)"
)


def __getattr__(name: str) -> object:
    """`stderr`, the rich console for progress and errors, made on first use (rich's import
    is a good part of a bare `socialaudit --help`)."""
    if name == "stderr":
        from rich.console import Console

        console = Console(stderr=True)
        globals()["stderr"] = console
        return console
    raise AttributeError(name)
