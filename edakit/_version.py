"""The package version, in one place below every stage (the CLI, the report and the wheel read it)."""

__version__ = "0.1.0"
