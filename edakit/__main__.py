"""`python -m edakit` runs the same CLI as the `edakit` command."""

from edakit.cli import main

main()
