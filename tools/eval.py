"""The quality loop: build the labelled sets and score the builds, as a user reads the TEI.

    make eval                                   # both sets, one summary line each
    make eval EVAL_ARGS="--files --docs"        # and the scorers' per-file and per-document rows
    make eval EVAL_ARGS="--only dev"            # one set (dev | nara)
    make eval EVAL_ARGS="--json build/eval/now.json"   # the figures as JSON too

The sets live outside the repository (``../shared/eval`` beside the
checkout, or ``EVAL_DIR``): ``raw/`` inputs with hand-made references in
``clean/`` and ``facts/`` (scored by ``score.py`` there), and ``nara/``,
JFK records whose NARA identification form was cut off and kept as gold
(scored by ``nara/score.py``).  The scorers are theirs, not ours: this
script only builds (``declassify build --force`` into ``build/eval/``) and
runs them, so that what is measured is exactly what a downstream user of
the TEI would read.  Nothing here is part of ``make test``; the figures of
a run can be pinned by ``tests/test_eval_pin.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "eval"


def eval_dir() -> Path:
    """Where the labelled sets are: $EVAL_DIR, else ../shared/eval beside the checkout."""
    env = os.environ.get("EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def build(raw: Path, out: Path, jobs: int | None) -> float:
    """``declassify build RAW --out OUT --force``; the wall time it took."""
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "declassify", "build", str(raw), "--out", str(out), "--force", "--quiet"]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    # A file that fails to encode is one line on stderr and exit status 1: that is part of
    # what is measured (a failed file scores nothing), not a reason to stop.  The errors
    # are counted and the first few shown.
    result = subprocess.run(command, check=False, capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    if errors:
        print(f"  {len(errors)} file(s) failed to encode, e.g.:", file=sys.stderr)
        for line in errors[:3]:
            print("    " + line[:300], file=sys.stderr)
    return time.perf_counter() - started


def score(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"scorer failed: {' '.join(command)}")
    return result.stdout


_FIGURE = re.compile(r"(?P<name>[a-z][a-z ]*?) (?P<value>\d+\.\d+)")


def figures(line: str) -> dict[str, float]:
    """'CER 0.1864 (noise left 0.1504, ...); docs 0.762' -> {'CER': ..., 'noise left': ..., 'docs': ...}."""
    found = {}
    for match in _FIGURE.finditer(line.replace("CER", "cer")):
        found[match.group("name").strip()] = float(match.group("value"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", action="store_true", help="the scorers' per-file rows")
    parser.add_argument("--docs", action="store_true", help="the dev scorer's per-document rows")
    parser.add_argument("--only", choices=("dev", "nara"), help="build and score one set")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the builds")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    base = eval_dir()
    if not (base / "score.py").exists():
        print(f"eval: no labelled set at {base} (set EVAL_DIR)", file=sys.stderr)
        return 2
    results: dict[str, dict[str, float]] = {}
    if args.only in (None, "dev"):
        out = WORK / "dev"
        took = build(base / "raw", out, args.jobs)
        flags = (["--files"] if args.files else []) + (["--docs"] if args.docs else [])
        text = score([sys.executable, str(base / "score.py"), str(base), str(out), *flags])
        lines = text.rstrip("\n").split("\n")
        if flags:
            print("\n".join(lines[:-1]))
        print(f"dev  ({len(list((base / 'raw').glob('*.txt')))} files, built in {took:.1f}s)")
        print("  " + lines[-1])
        results["dev"] = figures(lines[-1])
    if args.only in (None, "nara"):
        nara = base / "nara"
        out = WORK / "nara"
        took = build(nara / "raw", out, args.jobs)
        text = score([sys.executable, str(nara / "score.py"), str(out), str(nara / "gold")])
        lines = text.rstrip("\n").split("\n")
        if args.files:
            print("\n".join(lines[:-1]))
        print(f"nara ({len(list((nara / 'raw').glob('*.txt')))} files, built in {took:.1f}s)")
        print("  " + lines[-1])
        results["nara"] = figures(lines[-1])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
