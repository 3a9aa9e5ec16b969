"""Stage 9, write: put a file's TEI and ledger on disk, atomically.

Each file is written to a temporary name in the target directory and
renamed into place, so an interrupted run leaves either the old file or the
new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..errors import OutputError

LEDGER_DIR = "ledger"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
            raise OutputError(f"{target}: cannot write: {err.strerror or err}") from None
