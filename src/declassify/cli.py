"""The command line: ``declassify build``, ``declassify validate``, ``declassify clean``.

Exit status 0 when everything went well, 1 when some file failed (each
failure is one line on stderr, and the other files are still processed), 2
for a usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .build import MANIFEST, build
from .errors import DeclassifyError
from .noise.packs import load_packs
from .parallel import default_jobs
from .people.registry import load_registry
from .pipeline import run
from .progress import Progress
from .reading import reading_text
from .settings import Settings
from .stages.read import DEFAULT_MAX_SIZE

DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("tei")


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower().rstrip("b")
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use bytes, or 10M, 512k)") from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number of worker processes: {text!r}")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PACK",
        help="an extra rule pack (TOML or JSON, see schemas/rules.schema.json); repeatable",
    )
    parser.add_argument(
        "--people",
        action="append",
        default=[],
        metavar="FILE",
        help="an extra person registry (JSON, see schemas/people.schema.json); its entries add to or replace the built-in ones; repeatable",
    )
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="SIZE",
        help=f"refuse input files larger than this (default {DEFAULT_MAX_SIZE // 1024**2}M; encoding takes about 45 times a file's size in memory)",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="declassify",
        description="Turn raw OCR of declassified records into clean, validated TEI P5 XML, one file per document.",
    )
    parser.add_argument("--version", action="version", version=f"declassify {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build",
        help="encode raw OCR files into TEI",
        description="Encode raw OCR files (or every .txt/.md file in the directories given) into TEI, "
        "one file per document, with a removal ledger per raw file and a manifest.",
    )
    build_cmd.add_argument("paths", nargs="*", type=Path, help="raw files or directories (default: raw/)")
    build_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output directory (default: tei/)")
    build_cmd.add_argument(
        "--prune",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="remove outputs of raw files that are no longer among the inputs (default: on when no paths are given)",
    )
    build_cmd.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores, here %(default_jobs)s); the output is the same bytes whatever N"
        % {"default_jobs": default_jobs()},
    )
    build_cmd.add_argument(
        "--force",
        action="store_true",
        help="encode every input again, even those whose outputs are current (see .declassify-cache/ in the output directory)",
    )
    build_cmd.add_argument("--quiet", action="store_true", help="print only errors (no progress, no summary)")
    _common(build_cmd)

    validate_cmd = commands.add_parser(
        "validate",
        help="check TEI files against the project schemas",
        description="Check TEI files against schemas/declassify.rng and schemas/declassify.sch "
        "(and full TEI P5 with --tei-all).",
    )
    validate_cmd.add_argument("paths", nargs="*", type=Path, help="TEI files or directories (default: tei/)")
    validate_cmd.add_argument("--tei-all", action="store_true", help="also validate against tei_all.rng (slow to compile)")
    validate_cmd.add_argument("--quiet", action="store_true", help="print only errors")

    clean_cmd = commands.add_parser(
        "clean",
        help="print the cleaned reading text of one raw file",
        description="Print the reading text of each document found in one raw file, for eyeballing.",
    )
    clean_cmd.add_argument("file", type=Path, help="a raw OCR file")
    clean_cmd.add_argument("--explain", action="store_true", help="also list every removal with its rule and offsets")
    _common(clean_cmd)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(rules=tuple(str(p) for p in args.rules), people=tuple(str(p) for p in args.people), max_size=args.max_size)


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    load_packs(settings.rules)  # a broken pack stops the run before any file is touched
    load_registry(settings.people)  # so does a broken person registry
    paths = args.paths or [DEFAULT_RAW]
    prune = args.prune if args.prune is not None else not args.paths
    started = time.monotonic()
    progress = Progress(sys.stderr, enabled=False if args.quiet else None)
    jobs = args.jobs or default_jobs()
    summary = build(paths, args.out, settings, prune=prune, jobs=jobs, force=args.force, progress=progress)
    for line in summary.errors:
        print(f"error: {line}", file=sys.stderr)
    if not args.quiet:
        for line in summary.warnings:
            print(f"warning: {line}", file=sys.stderr)
        unchanged = f" ({summary.unchanged} unchanged)" if summary.unchanged else ""
        print(
            f"{summary.files} files{unchanged}, {summary.items} documents, {len(summary.warnings)} warnings, "
            f"{len(summary.errors)} errors in {time.monotonic() - started:.1f}s -> {args.out}",
            file=sys.stderr,
        )
    return 1 if summary.errors else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validation import tei_all, validate_tree, parse_file

    paths = args.paths or [DEFAULT_OUT]
    files: list[Path] = []
    failures = 0
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix == ".xml" and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            print(f"error: {path}: no such file or directory", file=sys.stderr)
            failures += 1
    if args.tei_all:
        tei_all()
    for path in files:
        try:
            errors = validate_tree(parse_file(path), full_tei=args.tei_all)
        except DeclassifyError as err:
            errors = [str(err)]
        for error in errors:
            print(f"{path}: {error}", file=sys.stderr)
        failures += bool(errors)
    for path in paths:
        if path.is_dir() and (path / MANIFEST).is_file():
            from .manifest import validate_manifest

            for error in validate_manifest(path / MANIFEST):
                print(f"{path / MANIFEST}: {error}", file=sys.stderr)
                failures += 1
    if not args.quiet:
        print(f"{len(files)} files checked, {failures} with errors", file=sys.stderr)
    return 1 if failures else 0


def cmd_clean(args: argparse.Namespace) -> int:
    settings = _settings(args)
    encoded = run(args.file, settings, until="encode")
    for item in encoded.items:
        print(f"== {item.item.item_id} ({item.item.doctype}) ==")
        print(reading_text(item.root))
        print()
    if args.explain:
        layout = encoded.analysed.layout
        text = layout.text
        print("== removals and repairs ==")
        for change in sorted(layout.changes, key=lambda c: (c.start, c.end)):
            snippet = " ".join(text[change.start : change.end].split())
            if len(snippet) > 70:
                snippet = snippet[:67] + "..."
            print(f"{change.start:>7}-{change.end:<7} {change.stage:<9} {change.rule:<34} {snippet!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    handlers = {"build": cmd_build, "validate": cmd_validate, "clean": cmd_clean}
    try:
        return handlers[args.command](args)
    except DeclassifyError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`declassify clean FILE | head`): stop quietly, as cat does.
        _silence_stdout()
        return 141


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
