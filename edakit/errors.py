"""The one exception type users see: a clear message about their input, never a traceback."""


class EdakitError(Exception):
    """A user error (bad file, unknown column, impossible request).

    The message says what is wrong and what to do; the CLI prints it on one line and exits 2.
    """
