"""The `socialaudit` command. Each subcommand lives in its own module and is added here."""

from __future__ import annotations

import sys

import click

from socialaudit import __version__
from socialaudit.api.cli.agencies import agency_group, apikey_group
from socialaudit.api.cli.assess import assess_command
from socialaudit.api.cli.catalogue import plugins_command, rules_command
from socialaudit.api.cli.classify import classify_command
from socialaudit.api.cli.common import EXIT_INPUT_ERROR, console_error
from socialaudit.api.cli.migrate import migrate_command
from socialaudit.api.cli.serve import serve_command
from socialaudit.engine.errors import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="socialaudit")
def cli() -> None:
    """Assess an organisation's social media: KPIs, findings and recommendations."""


cli.add_command(assess_command)
cli.add_command(plugins_command)
cli.add_command(rules_command)
cli.add_command(classify_command)
cli.add_command(serve_command)
cli.add_command(migrate_command)
cli.add_command(agency_group)
cli.add_command(apikey_group)


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
