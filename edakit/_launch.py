"""The `edakit` command's entry point (`python -m edakit` and the console script): the read starts before typer.

The order: the process settings that numpy and polars read when they load (`_process.prepare_process`); then, when
the command line is `edakit report FILE ...`, `edakit ab FILE ...` or `edakit compare FILE [OTHER] ...` with
existing files and no option that changes how a file is read, the loader, numpy and polars are imported and each
file's read starts on a thread (`early_read.start`); only then typer and the command line module are imported and
the options parsed, beside the read. The command takes a started read when the parsed options read the file the
same way (`early_read.claim`), else reads it as before. Only the command, the arguments right after it and the
words of the reading options are looked at here: typer parses every option.
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
    if files and not _sets_reading_options(sys.argv[1:]):
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


def _sets_reading_options(args: list[str]) -> bool:
    """Whether an argument looks like one of the options that change how a file is read (`loader.READ_OPTIONS`:
    `--delimiter`, `--engine`, `--no-header`, ...). The file is then not read early: a read with the default options
    would be dropped by `early_read.claim` and, meanwhile, hold a second copy of the table beside the command's own
    read. Only a look at the words: an argument that merely looks like one (a title "--engine") forgoes the early
    start, nothing more; typer parses the options."""
    from edakit.loader import READ_OPTIONS

    flags = {"--" + name.replace("_", "-") for name in READ_OPTIONS} | {"--no-header", "--no-stream"}
    return any(arg.split("=", 1)[0] in flags for arg in args)
