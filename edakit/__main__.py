"""`python -m edakit` runs the same entry point as the `edakit` command (`edakit._launch`)."""

from edakit._launch import main

main()
