"""Building an output directory from raw files: run the pipeline, write, keep the manifest.

The parent process is the only writer: results come back as bytes and are
written atomically in a fixed order, so the output is the same whatever the
number of workers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from . import __version__
from .errors import OutputError
from .naming import safe_stem
from .pipeline import FileResult, process_file
from .settings import DEFAULT, Settings
from .stages.write import LEDGER_DIR, atomic_write, json_bytes, write_outputs

MANIFEST = "manifest.json"
INPUT_SUFFIXES = (".txt", ".md", ".text")
# Documentation that sits beside OCR files in a corpus folder, not input.
NOT_INPUT = regex.compile(r"(?i)^(?:readme|manifest|license|licence|changelog)(?:\..*)?$")


@dataclass
class BuildSummary:
    files: int = 0
    items: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Raw files named directly or found (non-recursively) in directories, sorted by name."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.suffix.lower() in INPUT_SUFFIXES
                    and not p.name.startswith(".")
                    and not NOT_INPUT.match(p.name)
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or directory")
    return files, errors


def _item_pattern(stem: str) -> regex.Pattern:
    return regex.compile(regex.escape(stem) + r"-\d{2,}\.xml")


def _remove_stale(out_dir: Path, stem: str, keep: set[str]) -> None:
    """Delete item files of ``stem`` that this run did not produce (fewer items than before)."""
    pattern = _item_pattern(stem)
    if not out_dir.is_dir():
        return
    for path in out_dir.iterdir():
        if pattern.fullmatch(path.name) and path.name not in keep:
            path.unlink()


def _read_manifest(out_dir: Path) -> list[dict]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return list(data.get("items", []))
    except (OSError, ValueError, AttributeError):
        return []


def build(
    inputs: Iterable[Path],
    out_dir: Path,
    settings: Settings = DEFAULT,
    *,
    prune: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> BuildSummary:
    """Encode ``inputs`` into ``out_dir``; return counts, warnings and one-line errors."""
    files, errors = collect_inputs(inputs)
    summary = BuildSummary(errors=errors)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        summary.errors.append(f"{out_dir}: cannot create output directory: {err.strerror or err}")
        return summary
    stems: dict[str, str] = {}
    results: list[FileResult] = []
    for path in files:
        stem = safe_stem(path.name)
        if stem in stems:
            summary.errors.append(f"{path}: its output name {stem!r} is already taken by {stems[stem]}")
            continue
        stems[stem] = str(path)
        result = process_file(path, settings)
        results.append(result)
        if on_result:
            on_result(result)
    processed_sources = set()
    manifest_entries: list[dict] = []
    for result in results:
        summary.files += 1
        summary.warnings.extend(result.warnings)
        if result.error:
            summary.errors.append(result.error)
            continue
        try:
            write_outputs(out_dir, result.outputs)
            _remove_stale(out_dir, result.stem, set(result.outputs))
        except OutputError as err:
            summary.errors.append(str(err))
            continue
        processed_sources.add(result.name)
        manifest_entries.extend(result.manifest)
        summary.items += len(result.manifest)
    kept = [e for e in _read_manifest(out_dir) if e.get("source") not in processed_sources]
    if prune:
        wanted = {p.name for p in files}
        for entry in kept:
            if entry.get("source") not in wanted:
                for name in (entry.get("path"), f"{LEDGER_DIR}/{safe_stem(entry.get('source', ''))}.json"):
                    if name and (out_dir / name).is_file():
                        (out_dir / name).unlink()
        kept = [e for e in kept if e.get("source") in wanted]
    manifest = {
        "pipeline": f"declassify {__version__}",
        "items": sorted(kept + manifest_entries, key=lambda e: e["id"]),
    }
    try:
        atomic_write(out_dir / MANIFEST, json_bytes(manifest))
    except OSError as err:
        summary.errors.append(f"{out_dir / MANIFEST}: cannot write: {err.strerror or err}")
    return summary
