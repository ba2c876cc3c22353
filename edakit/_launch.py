"""The `edakit` command's entry point (`python -m edakit` and the console script): the read starts before typer.

The order: the process settings that numpy and polars read when they load (`_process.prepare_process`); then, when
the command line is `edakit report FILE ...`, `edakit ab FILE ...` or `edakit compare FILE [OTHER] ...` with
existing files, the loader, numpy and polars are imported and each file's read starts on a thread
(`early_read.start`); only then typer and the command line module are imported and the options parsed, beside the
read. The command takes a started read when the parsed options read the file the same way (`early_read.claim`),
else reads it as before. Nothing but the
command and the arguments right after it is looked at here: typer parses every option.
"""

from __future__ import annotations

import os
import sys

from edakit._process import prepare_process

#: The commands whose first arguments name the files they read: how many of them.
READING_COMMANDS = {"report": 1, "ab": 1, "compare": 2}


def main() -> None:
    """Run the command, reading its files from the start when the command line names them."""
    prepare_process()
    files = _files(sys.argv[1:])
    if files:
        from edakit.early_read import start

        for path in files:
            start(path)
    from edakit.cli import run

    run()


def _files(args: list[str]) -> list[str]:
    """The existing files named by the arguments right after a reading command, up to the first option."""
    if not args or args[0] not in READING_COMMANDS:
        return []
    files = []
    for arg in args[1 : 1 + READING_COMMANDS[args[0]]]:
        if arg.startswith("-") or not os.path.isfile(arg):
            break
        files.append(arg)
    return list(dict.fromkeys(files))
