"""Incremental builds: what an output directory already holds, and whether it is still current.

An input is encoded again unless all of these hold:

- the *fingerprint* of the run is the one recorded: the package's source,
  rule packs and vocabularies, the project schemas, the versions of Python,
  lxml/libxml2/libxslt and regex, and the run's settings (with the content of
  every file a setting names, such as ``--rules`` packs);
- the input's content (SHA-256) is the one recorded;
- every output recorded for it is still there with the size it was written
  with (an output deleted or truncated by hand is made again).

A changed pipeline or rule pack changes the fingerprint and so invalidates
every input: a rule may fire anywhere, so there is nothing finer to trust.

The state lives in ``<out>/.declassify-cache/state.json`` (git ignores the
directory), written atomically and only when it changed.  It holds no times,
so it is the same bytes whatever the number of workers.  A state file that
is missing, unreadable or of another format is treated as empty: the worst
it can cost is a full build.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field, fields
from pathlib import Path

import regex
from lxml import etree

from . import __version__
from .resources import PACKAGE_DIR, schemas_dir
from .settings import Settings
from .stages.write import atomic_write

CACHE_DIR = ".declassify-cache"
STATE_FILE = "state.json"
FORMAT = 1
# What in the package decides the output: code, rule packs, vocabularies.
SOURCE_SUFFIXES = (".py", ".toml", ".json", ".rng", ".sch")
_CHUNK = 1 << 20


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's content, read in chunks; None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _tree_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
    )


def _named_files(settings: Settings) -> list[str]:
    """Every setting value that names an existing file (rule packs, registries)."""
    names = []
    for spec in fields(settings):
        value = getattr(settings, spec.name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str) and item and Path(item).is_file():
                names.append(item)
    return names


def fingerprint(settings: Settings) -> str:
    """What, besides an input's content, decides the bytes it is encoded into."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes | str) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        digest.update(f"{label}\0{len(data)}\0".encode("utf-8"))
        digest.update(data)

    add("declassify", __version__)
    add("python", platform.python_version())
    add("lxml", repr((etree.LXML_VERSION, etree.LIBXML_VERSION, etree.LIBXSLT_VERSION)))
    add("regex", regex.__version__)
    for root in dict.fromkeys((PACKAGE_DIR, schemas_dir())):
        for path in _tree_files(root):
            add(path.relative_to(root).as_posix(), path.read_bytes())
    add("settings", repr(settings))
    for name in _named_files(settings):
        add(f"setting file {name}", file_digest(Path(name)) or "unreadable")
    return digest.hexdigest()


@dataclass
class Entry:
    """What one input was encoded into last time."""

    sha256: str
    outputs: dict[str, int]  # output path relative to the output directory -> size in bytes
    manifest: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"sha256": self.sha256, "outputs": self.outputs, "manifest": self.manifest, "warnings": self.warnings}

    @classmethod
    def from_json(cls, data: dict) -> "Entry":
        outputs = data["outputs"]
        if not isinstance(data["sha256"], str) or not all(isinstance(v, int) for v in outputs.values()):
            raise ValueError("bad entry")
        return cls(data["sha256"], dict(outputs), list(data["manifest"]), [str(w) for w in data["warnings"]])

    def outputs_intact(self, out_dir: Path) -> bool:
        for relative, size in self.outputs.items():
            try:
                if (out_dir / relative).stat().st_size != size:
                    return False
            except OSError:
                return False
        return True


class BuildState:
    """The per-input entries of one output directory, under one fingerprint."""

    def __init__(self, out_dir: Path, fingerprint: str, entries: dict[str, Entry] | None = None):
        self.out_dir = Path(out_dir)
        self.fingerprint = fingerprint
        self.entries: dict[str, Entry] = entries or {}
        self._saved = self._bytes() if entries else None

    @property
    def path(self) -> Path:
        return self.out_dir / CACHE_DIR / STATE_FILE

    @classmethod
    def load(cls, out_dir: Path, fingerprint: str) -> "BuildState":
        """The recorded state, or an empty one if it is missing, unreadable or for another fingerprint."""
        state = cls(out_dir, fingerprint)
        try:
            data = json.loads(state.path.read_bytes())
            if data.get("format") != FORMAT or data.get("fingerprint") != fingerprint:
                return state
            entries = {str(name): Entry.from_json(entry) for name, entry in data["inputs"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return state
        return cls(out_dir, fingerprint, entries)

    def current(self, name: str, sha256: str | None) -> Entry | None:
        """The entry of input ``name`` if its content and outputs are as recorded."""
        entry = self.entries.get(name)
        if entry is None or sha256 is None or entry.sha256 != sha256 or not entry.outputs_intact(self.out_dir):
            return None
        return entry

    def record(self, name: str, entry: Entry) -> None:
        self.entries[name] = entry

    def forget(self, name: str) -> None:
        self.entries.pop(name, None)

    def _bytes(self) -> bytes:
        inputs = {name: self.entries[name].to_json() for name in sorted(self.entries)}
        state = {"format": FORMAT, "fingerprint": self.fingerprint, "inputs": inputs}
        # Compact, one input per line: small, quick to write, readable enough to debug.
        lines = [json.dumps({k: v for k, v in state.items() if k != "inputs"}, ensure_ascii=False)[:-1] + ', "inputs": {']
        lines += [
            f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}," for name, entry in inputs.items()
        ]
        if inputs:
            lines[-1] = lines[-1][:-1]
        return ("\n".join(lines) + "}}\n").encode("utf-8")

    def save(self) -> None:
        """Write the state atomically, unless it is what is on disk already."""
        data = self._bytes()
        if data != self._saved:
            atomic_write(self.path, data)
            self._saved = data
