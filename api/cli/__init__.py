"""The `socialaudit` command. Each subcommand lives in its own module, imported only when it
runs: `socialaudit --version` or `--help` must not pay for polars, SQLAlchemy or the plugins."""

from __future__ import annotations

import importlib
import sys

import click

from socialaudit import __version__
from socialaudit.api.cli.common import EXIT_INPUT_ERROR, console_error
from socialaudit.engine.errors import InputError

SUBCOMMANDS = {
    "assess": ("socialaudit.api.cli.assess", "assess_command", "Assess an organisation folder."),
    "plugins": ("socialaudit.api.cli.catalogue", "plugins_command", "List loaded plugins."),
    "rules": ("socialaudit.api.cli.catalogue", "rules_command", "List or explain the rules."),
    "kpis": ("socialaudit.api.cli.catalogue", "kpis_command", "List or explain the KPIs."),
    "classify": (
        "socialaudit.api.cli.classify",
        "classify_command",
        "Label the texts of a CSV file.",
    ),
    "cache": (
        "socialaudit.api.cli.cache",
        "cache_group",
        "Show or clear the classification cache.",
    ),
    "serve": ("socialaudit.api.cli.serve", "serve_command", "Run the GraphQL service."),
    "worker": ("socialaudit.api.cli.worker", "worker_command", "Run assessment jobs."),
    "migrate": ("socialaudit.api.cli.migrate", "migrate_command", "Migrate the database."),
    "agency": ("socialaudit.api.cli.agencies", "agency_group", "Create and list agencies."),
    "apikey": ("socialaudit.api.cli.agencies", "apikey_group", "Create, list, revoke API keys."),
}
"""name → (module, attribute, one-line help shown by `socialaudit --help`)."""


class LazyGroup(click.Group):
    """Click's documented pattern for lazily loaded subcommands."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = SUBCOMMANDS.get(cmd_name)
        if found is None:
            return None
        module, attribute, _ = found
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SUBCOMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="socialaudit")
def cli() -> None:
    """Assess an organisation's social media: KPIs, findings and recommendations."""


def main() -> None:
    """Console entry point: user errors become a message and exit code 2, not a traceback."""
    try:
        cli.main(standalone_mode=False)
    except InputError as exc:
        console_error(exc.describe())
        sys.exit(EXIT_INPUT_ERROR)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT_ERROR if exc.exit_code == 2 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
