"""The one exception type users see: a clear message about their input, never a traceback."""


class EdakitError(Exception):
    """A user error (bad file, unknown column, impossible request).

    The message says what is wrong and what to do; the CLI prints it on one line and exits 2.
    """


class NotComputable(ArithmeticError):
    """A number that cannot be computed from these inputs (infinite, NaN or degenerate values, a search that
    does not close in): callers drop that number (None) and keep the message as a note.

    Its str always starts with "not computable: ", followed by the reason.
    """

    def __init__(self, reason: str) -> None:
        reason = str(reason)
        prefix = "not computable: "
        super().__init__(reason if reason.startswith(prefix) else prefix + reason)
