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
    """The output could not be written (read-only directory, disk full ...)."""


class ValidationFailure(DeclassifyError):
    """Produced XML failed the project's schemas; never written to the output."""
