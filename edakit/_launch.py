"""The `edakit` command's entry point (`python -m edakit` and the console script): the read starts before typer.

The order: the process settings that numpy and polars read when they load (`_process.prepare_process`); then, when
the command line is `edakit report FILE ...` or `edakit ab FILE ...` with FILE an existing file, the loader, numpy
and polars are imported and FILE's read starts on a thread (`early_read.start`); only then typer and the command
line module are imported and the options parsed, beside the read. `cli._write_report` takes the started read when
the parsed options read the file the same way (`early_read.claim`), else reads it as before. Nothing but the
command and its first argument is looked at here: typer parses every option.
"""

from __future__ import annotations

import os
import sys

from edakit._process import prepare_process

#: The commands whose first argument is the file the report reads (`compare` reads two: not started early).
READING_COMMANDS = ("report", "ab")


def main() -> None:
    """Run the command, reading its file from the start when the command line names one."""
    prepare_process()
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] in READING_COMMANDS and not args[1].startswith("-") and os.path.isfile(args[1]):
        from edakit.early_read import start

        start(args[1])
    from edakit.cli import run

    run()
