"""Errors the user sees as one line: ``<file>: <reason>``.

Anything the pipeline refuses (a binary file, an empty one, one too large) is
raised as an :class:`InputError`; the CLI prints it and goes on with the next
file.  Any other exception is a bug, and the CLI still reports it on one line.
"""


class DeclassifyError(Exception):
    """Base class for errors reported to the user without a traceback."""


class InputError(DeclassifyError):
    """The input file cannot be encoded; the message says why."""


class OutputError(DeclassifyError):
    """The output could not be written (read-only directory, disk full ...).

    ``fatal`` means the output directory as a whole cannot take files (full,
    read-only, not ours to write): every later input would fail the same way,
    so the build stops instead of repeating the error for each of them.
    """

    def __init__(self, message: str, *, fatal: bool = False, reason: str = ""):
        super().__init__(message)
        self.fatal = fatal
        self.reason = reason or message


class ValidationFailure(DeclassifyError):
    """Produced XML failed the project's schemas; never written to the output."""
