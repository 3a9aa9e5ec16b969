"""Stage 9, write: put a file's TEI and ledger on disk, atomically.

Each file is written to a temporary name in the target directory and
renamed into place, so an interrupted run leaves either the old file or the
new one, never half of one.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import regex

from ..errors import OutputError

LEDGER_DIR = "ledger"
TEMP_SUFFIX = ".tmp"
# What atomic_write's temporary files are called: ".<name>.<8 random>.tmp".
_TEMP_NAME = regex.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
# Errors that concern the directory, not the one file: a full disk, a
# read-only mount, a quota, no permission to create files there.
DIRECTORY_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM})


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative path to bytes) under ``out_dir``; one-line error on failure."""
    for relative, data in files.items():
        target = out_dir / relative
        try:
            atomic_write(target, data)
        except OSError as err:
            reason = err.strerror or str(err)
            raise OutputError(f"{target}: cannot write: {reason}", fatal=err.errno in DIRECTORY_ERRNOS, reason=reason) from None


def sweep_temporaries(directory: Path) -> list[str]:
    """Delete temporary files a killed run left behind in ``directory``; return their names.

    atomic_write removes its temporary file on any exception, but a SIGKILL
    or a power cut gives it no chance: the half-written file stays under its
    hidden temporary name (never under the output's name).  Only names of
    atomic_write's pattern are touched.
    """
    removed = []
    try:
        entries = sorted(directory.iterdir()) if directory.is_dir() else []
    except OSError:
        return removed
    for path in entries:
        if _TEMP_NAME.fullmatch(path.name) and path.is_file():
            try:
                path.unlink()
                removed.append(path.name)
            except OSError:
                pass
    return removed
