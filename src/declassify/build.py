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
from .cache import CACHE_DIR, BuildState, Entry, file_digest, fingerprint
from .parallel import encode_all
from .pipeline import FileResult
from .progress import Progress
from .settings import DEFAULT, Settings
from .stages.write import LEDGER_DIR, atomic_write, json_bytes, sweep_temporaries, write_outputs

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
    unchanged: int = 0  # inputs whose outputs were current and left alone (incremental build)


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


_ITEM_FILE = regex.compile(r"(.+)-\d{2,}\.xml")


class ItemFiles:
    """The item files already in the output directory, by stem; listed once, when first asked.

    Listing the directory once per run, not once per input, keeps a build
    linear in the number of inputs.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self._by_stem: dict[str, list[str]] | None = None

    def remove_stale(self, stem: str, keep: set[str]) -> None:
        """Delete item files of ``stem`` that this run did not produce (fewer items than before)."""
        if self._by_stem is None:
            self._by_stem = {}
            for path in self.out_dir.iterdir() if self.out_dir.is_dir() else ():
                match = _ITEM_FILE.fullmatch(path.name)
                if match:
                    self._by_stem.setdefault(match.group(1), []).append(path.name)
        for name in self._by_stem.pop(stem, ()):
            if name not in keep:
                try:
                    (self.out_dir / name).unlink(missing_ok=True)
                except OSError as err:
                    raise OutputError(f"{self.out_dir / name}: cannot remove stale item: {err.strerror or err}") from None


def _read_manifest(out_dir: Path) -> list[dict]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return list(data.get("items", []))
    except (OSError, ValueError, AttributeError):
        return []


@dataclass
class _Input:
    """One accepted input through a run: what it holds, what it is encoded into now."""

    path: Path
    sha256: str | None  # None if unreadable (the encoder will say why)
    entry: Entry | None = None  # its current outputs: left from before, or made by this run
    warnings: list[str] | None = None  # this run's, if it was encoded (else the entry's)
    error: str | None = None


def build(
    inputs: Iterable[Path],
    out_dir: Path,
    settings: Settings = DEFAULT,
    *,
    prune: bool = False,
    jobs: int = 1,
    force: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Encode ``inputs`` into ``out_dir``; return counts, warnings and one-line errors.

    ``jobs`` worker processes encode (1: this process alone); an input whose
    outputs are current (see cache.py) is left alone unless ``force``.
    Whatever ``jobs`` and the order in which files finish, the same inputs
    give the same bytes: results are written per input, and everything
    gathered across inputs (manifest, warnings, errors) is put in input order.
    """
    files, errors = collect_inputs(inputs)
    summary = BuildSummary(errors=errors)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        summary.errors.append(f"{out_dir}: cannot create output directory: {err.strerror or err}")
        return summary
    for directory in (out_dir, out_dir / LEDGER_DIR, out_dir / CACHE_DIR):
        sweep_temporaries(directory)
    # Keyed case-insensitively: "A.txt" and "a.txt" would overwrite each other's
    # outputs on the case-insensitive file systems many archives deposit to.
    stems: dict[str, str] = {}
    runs: list[_Input] = []
    for path in files:
        stem = safe_stem(path.name)
        if stem.casefold() in stems:
            summary.errors.append(f"{path}: its output name {stem!r} is already taken by {stems[stem.casefold()]}")
            continue
        stems[stem.casefold()] = str(path)
        runs.append(_Input(path, file_digest(path)))

    state = BuildState(out_dir, fingerprint(settings))
    if not force:
        state = BuildState.load(out_dir, state.fingerprint)
    todo: list[tuple[int, Path]] = []
    for index, run in enumerate(runs):
        run.entry = state.current(run.path.name, run.sha256)
        if run.entry is None:
            todo.append((index, run.path))
    try:
        stopped = _encode(todo, runs, out_dir, settings, jobs, state, progress, on_result)
    finally:
        # Even an interrupted run keeps what it finished: the next one skips it.
        _save_state(state, summary)
    if stopped:
        # The manifest is left as it was: it would fail the same way, and a
        # stale manifest describes whole files, where a new one might not.
        left = sum(1 for run in runs if run.entry is None and run.error is None)
        summary.files = len(runs)
        summary.errors.extend(run.error for run in runs if run.error)
        summary.errors.append(f"{out_dir}: build stopped: {stopped}; {left} input(s) not encoded")
        return summary

    processed_sources = set()
    manifest_entries: list[dict] = []
    for run in runs:
        summary.files += 1
        summary.warnings.extend(run.warnings if run.warnings is not None else run.entry.warnings if run.entry else ())
        if run.error:
            summary.errors.append(run.error)
        elif run.warnings is None:
            summary.unchanged += 1
        if run.entry is None:
            continue
        processed_sources.add(run.path.name)
        manifest_entries.extend(run.entry.manifest)
        summary.items += len(run.entry.manifest)
    kept = [e for e in _read_manifest(out_dir) if e.get("source") not in processed_sources]
    if prune:
        wanted = {p.name for p in files}
        for entry in kept:
            if entry.get("source") not in wanted:
                for name in (entry.get("path"), f"{LEDGER_DIR}/{safe_stem(entry.get('source', ''))}.json"):
                    if name and (out_dir / name).is_file():
                        (out_dir / name).unlink()
        kept = [e for e in kept if e.get("source") in wanted]
        for name in [name for name in state.entries if name not in wanted]:
            state.forget(name)
        _save_state(state, summary)
    manifest = {
        "pipeline": f"declassify {__version__}",
        "items": sorted(kept + manifest_entries, key=lambda e: e["id"]),
    }
    try:
        _write_if_changed(out_dir / MANIFEST, json_bytes(manifest))
    except OSError as err:
        summary.errors.append(f"{out_dir / MANIFEST}: cannot write: {err.strerror or err}")
    return summary


def _encode(
    todo: list[tuple[int, Path]],
    runs: list[_Input],
    out_dir: Path,
    settings: Settings,
    jobs: int,
    state: BuildState,
    progress: Progress | None,
    on_result: Callable[[FileResult], None] | None,
) -> str | None:
    """Encode the inputs of ``todo`` and write each one's outputs as soon as it is done.

    Returns why it stopped early (the output directory cannot take files), or None.
    """
    item_files = ItemFiles(out_dir)
    stopped = None
    if progress:
        progress.start(len(todo), sum(_size(path) for _, path in todo))
    try:
        for index, result in encode_all(todo, settings, jobs=jobs):
            run = runs[index]
            run.warnings = result.warnings
            if not result.error:
                try:
                    write_outputs(out_dir, result.outputs)
                    item_files.remove_stale(result.stem, set(result.outputs))
                except OutputError as err:
                    result.error = str(err)
                    if err.fatal:
                        stopped = err.reason
            if result.error:
                run.error = result.error
                state.forget(run.path.name)
            else:
                outputs = {name: len(data) for name, data in result.outputs.items()}
                run.entry = Entry(run.sha256 or "", outputs, result.manifest, result.warnings)
                if run.sha256:
                    state.record(run.path.name, run.entry)
            if progress:
                progress.advance(_size(run.path), len(result.manifest), len(result.warnings), bool(result.error))
            if on_result:
                on_result(result)
            if stopped:
                break  # closing encode_all stops the workers
    finally:
        if progress:
            progress.finish()
    return stopped


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _save_state(state: BuildState, summary: BuildSummary) -> None:
    try:
        state.save()
    except OSError as err:
        summary.warnings.append(f"{state.path}: cannot record the build state (the next build starts afresh): {err.strerror or err}")


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    atomic_write(path, data)
