"""The pipeline: the order of the stages, in one place, and running them on one file.

read -> normalise -> strip -> repair -> segment -> analyse -> encode -> validate
(-> write, which the builder does for a whole run).  Each stage is a plain
function from one typed value to the next.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DeclassifyError
from .naming import safe_stem
from .settings import DEFAULT, Settings
from .stages.analyse import analyse
from .stages.encode import Encoded, encode
from .stages.normalise import normalise
from .stages.read import decode, read
from .stages.repair import repair
from .stages.segment import segment
from .stages.strip import strip
from .stages.validate import validate
from .stages.write import LEDGER_DIR, json_bytes

Stage = Callable[[Any, Settings], Any]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("read", lambda path, settings: read(path, max_size=settings.max_size)),
    ("normalise", lambda source, settings: normalise(source)),
    ("strip", strip),
    ("repair", repair),
    ("segment", segment),
    ("analyse", analyse),
    ("encode", encode),
    ("validate", validate),
)
STAGE_NAMES = tuple(name for name, _ in STAGES)


def run(value: Any, settings: Settings = DEFAULT, *, start: str = "read", until: str = "validate") -> Any:
    """Run the stages from ``start`` through ``until`` on ``value``."""
    first, last = STAGE_NAMES.index(start), STAGE_NAMES.index(until)
    for _, stage in STAGES[first : last + 1]:
        value = stage(value, settings)
    return value


def encode_file(path: Path | str, settings: Settings = DEFAULT) -> Encoded:
    """Read, encode and validate one raw file."""
    return run(Path(path), settings)


def encode_bytes(data: bytes, name: str, settings: Settings = DEFAULT) -> Encoded:
    """The same for content already in memory (tests, property checks)."""
    return run(decode(data, name), settings, start="normalise")


@dataclass(slots=True)
class FileResult:
    """What processing one raw file produced, ready for the writer (picklable)."""

    name: str
    stem: str = ""
    outputs: dict[str, bytes] = field(default_factory=dict)
    manifest: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def process_file(path: Path, settings: Settings = DEFAULT, *, debug: bool = False) -> FileResult:
    """Encode one file into its outputs; any failure becomes a one-line error."""
    result = FileResult(name=path.name)
    try:
        encoded = encode_file(path, settings)
    except DeclassifyError as err:
        result.error = str(err)
        return result
    except Exception as err:  # a bug: still one line, the rest of the run goes on
        detail = traceback.format_exc() if debug else f"{type(err).__name__}: {err}"
        result.error = f"{path.name}: internal error: {detail}"
        return result
    stem = safe_stem(encoded.source.name)
    result.stem = stem
    for item in encoded.items:
        result.outputs[item.filename] = item.xml
    result.outputs[f"{LEDGER_DIR}/{stem}.json"] = json_bytes(encoded.ledger)
    result.manifest = encoded.manifest
    result.warnings = [f"{path.name}: {w}" for w in encoded.source.warnings]
    result.warnings += [
        f"{path.name}: {item.filename}: {item.orphans} text run(s) outside the analysed structure"
        for item in encoded.items
        if item.orphans
    ]
    return result
