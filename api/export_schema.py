"""Write the GraphQL schema's SDL to `schema.graphql`, or check that the file is current.

    python -m socialaudit.api.export_schema            # write ./schema.graphql
    python -m socialaudit.api.export_schema --check    # exit 1 with a diff when it differs

The file is the API's contract in the repository: CI fails when the code's schema and the file
disagree, so a change to the API is made on purpose, with the file, in the same commit.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from socialaudit.schema import build_schema

DEFAULT_PATH = Path("schema.graphql")


def sdl() -> str:
    return build_schema().as_str() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m socialaudit.api.export_schema", description=__doc__
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--output", type=Path, default=DEFAULT_PATH, help="default: %(default)s")
    args = parser.parse_args(argv)
    current = sdl()
    if not args.check:
        args.output.write_text(current, encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    stored = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
    if stored == current:
        print(f"{args.output} is up to date")
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            stored.splitlines(keepends=True),
            current.splitlines(keepends=True),
            fromfile=str(args.output),
            tofile="schema from code",
        )
    )
    print(
        f"\n{args.output} differs from the code's schema; run "
        "`python -m socialaudit.api.export_schema` and commit the file if the change is intended",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
