"""The benchmark: how fast `declassify build` is, against the floor any converter pays.

    make bench                                    # a corpus generated from raw/ and tests/corpus/
    make bench CORPUS=../shared/bench/jfk-2022    # any directory of raw files
    make bench CORPUS=... BENCH_ARGS="--jobs 1,2,4 --linearity"
    make bench CORPUS=... BENCH_ARGS="--linearity --repeat 3"   # each run best of 3 (a noisy machine)
    make bench BENCH_ARGS=--pathological          # near-miss stamps, 100,000 vs 1,000,000 characters

Each run is a separate process, timed from outside: wall time, CPU time of
the process and of every worker it started (user + system, from wait4, which
counts the descendants a process waited for), and peak memory (the largest
resident set of the process or any of its workers).  The runs:

- reference: read each file, wrap its paragraphs in minimal TEI with lxml,
  write it.  No cleaning, no validation: the floor any converter pays.
- pipeline -jN: ``declassify build --force --jobs N`` into an empty
  directory, validation against the project schemas on (tei_all is never on
  the build path).
- rebuild -jN: the same command again, without --force, over its own
  output: every input is unchanged, so nothing is encoded.
- with --linearity: the pipeline (-j1) on a tenth of the corpus (every tenth file
  in order of size, so the same mix of sizes)
  against the whole of it (cost should grow 10x, not more); on about 10 MB
  of the corpus as separate files against the same text as one file; and on
  the first tenth of that one file against the whole of it (one file
  growing 10x should cost 10x).

It prints one table and the ratios the project tracks: pipeline CPU over
reference CPU, the speed-up of the largest -j over -j1, and peak memory.
The load average before and after is printed too: other work on the machine
disturbs wall times (and, less, CPU times).  Nothing here is part of
``make test``.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "bench"
TARGET_RATIO = 3.0
TARGET_SPEEDUP = 1.8
TARGET_MEMORY_MB = 500
BIG_FILE_MB = 10


@dataclass
class Run:
    label: str
    files: int
    size: int  # bytes of input
    items: int
    wall: float
    cpu: float
    peak_mb: float
    status: int

    @property
    def mb(self) -> float:
        return self.size / 1e6

    @property
    def mb_per_cpu_second(self) -> float:
        return self.mb / self.cpu if self.cpu else float("inf")


# ---------------------------------------------------------------- the reference converter

TEI_NS = "http://www.tei-c.org/ns/1.0"
PARAGRAPHS = re.compile(r"\n[ \t]*\n")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def reference(list_file: Path, out_dir: Path) -> None:
    """The floor: each file's paragraphs as <p> in a minimal TEI document, written with lxml."""
    from lxml import etree

    def el(parent, tag, text=None):
        node = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
        node.text = text
        return node

    out_dir.mkdir(parents=True, exist_ok=True)
    for name in list_file.read_text(encoding="utf-8").splitlines():
        path = Path(name)
        text = NOT_XML.sub("", path.read_bytes().decode("utf-8", errors="replace"))
        root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
        file_desc = el(el(root, "teiHeader"), "fileDesc")
        el(el(file_desc, "titleStmt"), "title", path.stem)
        el(el(file_desc, "publicationStmt"), "p", "reference")
        el(el(file_desc, "sourceDesc"), "p", path.name)
        body = el(el(root, "text"), "body")
        for paragraph in PARAGRAPHS.split(text):
            paragraph = paragraph.strip()
            if paragraph:
                el(body, "p", paragraph)
        (out_dir / f"{path.stem}.xml").write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


# ---------------------------------------------------------------- measuring

def measure(label: str, command: list[str], files: list[Path], out_dir: Path | None) -> Run:
    """Run ``command`` as a child process; its wall time, CPU time and peak memory with its workers'."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    errors = [line for line in stderr.decode("utf-8", "replace").splitlines() if line and not line.startswith("error: ")]
    if proc.returncode not in (0, 1) or errors:  # 1: some inputs refused (empty files), reported per file
        sys.exit(f"bench: {label} failed (exit {proc.returncode}):\n" + "\n".join(errors[-20:]))
    return Run(
        label=label,
        files=len(files),
        size=sum(p.stat().st_size for p in files),
        items=_items(out_dir) if out_dir else 0,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        status=proc.returncode,
    )


def _items(out_dir: Path) -> int:
    manifest = out_dir / "manifest.json"
    if manifest.is_file():
        return len(json.loads(manifest.read_text(encoding="utf-8"))["items"])
    return sum(1 for _ in out_dir.glob("*.xml"))


def declassify_command(inputs: list[Path], out_dir: Path, jobs: int, *, force: bool = True) -> list[str]:
    command = [sys.executable, "-m", "declassify", "build", *map(str, inputs), "--out", str(out_dir), "--jobs", str(jobs), "--quiet"]
    return command + (["--force"] if force else [])


# Each run is made this many times (--repeat) and its least wall and CPU
# time kept, as timeit does: a run is never faster than its work, only
# slower by what else the machine did.  On this machine one run of the same
# work has varied by a third from one minute to the next.
REPEAT = 1


def best_of(runs: list[Run]) -> Run:
    """The least wall and CPU time of repeated runs, and the largest peak memory."""
    first = runs[0]
    return Run(
        label=first.label,
        files=first.files,
        size=first.size,
        items=first.items,
        wall=min(r.wall for r in runs),
        cpu=min(r.cpu for r in runs),
        peak_mb=max(r.peak_mb for r in runs),
        status=first.status,
    )


def run_reference(files: list[Path], scratch: Path) -> Run:
    listing = scratch / "reference-inputs.txt"
    listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    out = scratch / "reference"
    runs = []
    for _ in range(REPEAT):
        shutil.rmtree(out, ignore_errors=True)
        runs.append(measure("reference", [sys.executable, __file__, "--reference", str(listing), str(out)], files, out))
    return best_of(runs)


def run_pipeline(label: str, inputs: list[Path], files: list[Path], out: Path, jobs: int, *, fresh: bool = True) -> Run:
    runs = []
    for _ in range(REPEAT):
        if fresh:
            shutil.rmtree(out, ignore_errors=True)
        runs.append(measure(label, declassify_command(inputs, out, jobs, force=fresh), files, out))
    return best_of(runs)


# ---------------------------------------------------------------- corpora

def corpus_files(corpus: Path) -> list[Path]:
    """The inputs `declassify build` takes from the directory (same rule)."""
    sys.path.insert(0, str(ROOT / "src"))
    from declassify.build import collect_inputs

    files, errors = collect_inputs([corpus])
    if errors or not files:
        sys.exit(f"bench: {corpus}: no input files")
    return files


def generate_corpus(copies: int) -> Path:
    """raw/ and tests/corpus/, each file ``copies`` times under new names."""
    sources = sorted((ROOT / "raw").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    target = WORK / f"corpus-x{copies}"
    wanted = {f"c{k:02d}_{p.name}": p for k in range(copies) for p in sources}
    if target.is_dir() and sorted(p.name for p in target.iterdir()) == sorted(wanted):
        if all((target / name).read_bytes() == src.read_bytes() for name, src in wanted.items()):
            return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name, src in wanted.items():
        shutil.copyfile(src, target / name)
    return target


def a_tenth(files: list[Path]) -> list[Path]:
    """Every tenth file in order of size: a tenth of the corpus with the same mix of sizes.

    Every tenth file by name was the first sample; it held larger files on
    average (its bytes were 1/6.8 of the corpus, not 1/10), so the per-file
    cost (opening, headers, validation) weighed differently in it and in
    the whole, and the per-byte ratio measured the sample's mix as much as
    any growth of cost with size.
    """
    by_size = sorted(files, key=lambda path: (path.stat().st_size, path.name))
    return sorted(by_size[::10])


def one_big_file(files: list[Path], scratch: Path, megabytes: float) -> tuple[Path, list[Path]]:
    """About ``megabytes`` of the corpus (whole files, in name order) as one file, and those files.

    The files are joined by blank lines: one long text with the noise of many
    documents (so every rule whose hint occurs anywhere runs over all of it).
    """
    chosen, size = [], 0
    for path in files:
        if size >= megabytes * 1e6:
            break
        chosen.append(path)
        size += path.stat().st_size
    big = scratch / f"big-{megabytes:g}" / "all-in-one.txt"
    big.parent.mkdir(parents=True, exist_ok=True)
    with open(big, "wb") as handle:
        for path in chosen:
            handle.write(path.read_bytes().rstrip(b"\r\n") + b"\n\n\n")
    return big, chosen


# ---------------------------------------------------------------- report

def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def table(runs: list[Run]) -> str:
    header = f"{'run':<26}{'files':>7}{'MB':>8}{'items':>7}{'wall s':>9}{'CPU s':>9}{'MB/s/core':>11}{'peak MB':>9}"
    rows = [header, "-" * len(header)]
    for r in runs:
        rows.append(
            f"{r.label:<26}{r.files:>7}{r.mb:>8.2f}{r.items:>7}{r.wall:>9.2f}{r.cpu:>9.2f}{r.mb_per_cpu_second:>11.3f}{r.peak_mb:>9.0f}"
        )
    return "\n".join(rows)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def pathological() -> int:
    """CPU time of the pipeline on each kind of near-miss at 100,000 and 1,000,000 characters, in this process.

    Each time is the least of a few runs (as timeit does): a run is never
    faster than the work, only slower by what else the machine did, and
    the small runs (a few tenths of a second) would otherwise make the
    ratio mostly noise.
    """
    sys.path.insert(0, str(ROOT / "tests"))
    from declassify.parallel import batch_collection, warm_up
    from declassify.pipeline import encode_bytes
    from declassify.settings import DEFAULT
    from support.near_misses import UNITS, near_miss

    warm_up(DEFAULT)
    print(f"{'near-miss':32} {'0.1M chars s':>13} {'1M chars s':>11} {'ratio':>6}")
    worst = 0.0
    for kind in sorted(UNITS):
        times = []
        for length, runs in ((100_000, 3), (1_000_000, 2)):
            data = near_miss(kind, length).encode()
            best = float("inf")
            for _ in range(runs):
                with batch_collection():  # as a build encodes a file
                    started = time.process_time()
                    encode_bytes(data, "near.txt")
                    best = min(best, time.process_time() - started)
            times.append(best)
        ratio = times[1] / max(times[0], 1e-3)
        worst = max(worst, ratio)
        print(f"{kind:32} {times[0]:13.2f} {times[1]:11.2f} {ratio:6.1f}", flush=True)
    print(f"worst growth for 10x the characters: {worst:.1f}x   {verdict(worst <= 11)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a directory of raw files (default: generated from raw/ and tests/corpus/)")
    parser.add_argument("--copies", type=int, default=8, help="copies of raw/ + tests/corpus/ in the generated corpus (default 8)")
    parser.add_argument("--jobs", default=None, help="comma-separated worker counts to compare (default: 1 and the number of cores)")
    parser.add_argument("--linearity", action="store_true", help="also measure cost against input size (slow on a large corpus)")
    parser.add_argument("--pathological", action="store_true",
                        help="only measure near-misses of each stamp (tests/support/near_misses.py) at 0.1 and 1 million characters")
    parser.add_argument("--repeat", type=int, default=1, help="make each run this many times and keep its least times (default 1)")
    parser.add_argument("--reference", nargs=2, type=Path, metavar=("LIST", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    global REPEAT
    REPEAT = max(1, args.repeat)
    if args.reference:
        reference(*args.reference)
        return 0
    if args.pathological:
        return pathological()

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    jobs = sorted({int(j) for j in args.jobs.split(",")}) if args.jobs else sorted({1, cores})
    corpus = args.corpus.resolve() if args.corpus else generate_corpus(args.copies)
    files = corpus_files(corpus)
    scratch = WORK / "runs"
    scratch.mkdir(parents=True, exist_ok=True)
    size = sum(p.stat().st_size for p in files)
    print(f"corpus: {args.corpus or corpus.relative_to(ROOT)} ({len(files)} files, {size / 1e6:.1f} MB); "
          f"{cores} cores; validation against the project schemas on; each run best of {REPEAT}")
    print(f"load average before: {loadavg()}", flush=True)

    runs = [run_reference(files, scratch)]
    by_jobs: dict[int, Run] = {}
    for n in jobs:
        by_jobs[n] = run_pipeline(f"pipeline -j{n}", [corpus], files, scratch / f"out-j{n}", n)
        runs.append(by_jobs[n])
        print(f"  {runs[-1].label}: {runs[-1].wall:.1f}s", file=sys.stderr, flush=True)
    top = max(jobs)
    runs.append(run_pipeline(f"rebuild -j{top} (unchanged)", [corpus], files, scratch / f"out-j{top}", top, fresh=False))

    linear: list[Run] = []
    if args.linearity:
        tenth = a_tenth(files)
        linear.append(run_pipeline("a tenth, same sizes -j1", tenth, tenth, scratch / "lin-tenth", 1))
        big, chosen = one_big_file(files, scratch, BIG_FILE_MB)
        linear.append(run_pipeline(f"{len(chosen)} files, ~{BIG_FILE_MB} MB -j1", chosen, chosen, scratch / "lin-small", 1))
        linear.append(run_pipeline("the same as 1 file -j1", [big], [big], scratch / "lin-big", 1))
        head, _ = one_big_file(files, scratch, BIG_FILE_MB / 10)
        linear.append(run_pipeline(f"its first ~{BIG_FILE_MB / 10:g} MB as 1 file", [head], [head], scratch / "lin-head", 1))

    print(table(runs + linear))
    print(f"load average after: {loadavg()}")
    ref = runs[0]
    serial = by_jobs[min(jobs)]
    print()
    for n, run in by_jobs.items():
        ratio = run.cpu / ref.cpu
        print(f"pipeline/reference CPU (-j{n}): {ratio:.1f}x   [target <= {TARGET_RATIO:.0f}x: {verdict(ratio <= TARGET_RATIO)}]")
    if len(by_jobs) > 1:
        speedup = serial.wall / by_jobs[top].wall
        print(f"wall -j{min(jobs)} / -j{top}: {speedup:.2f}x   [target >= {TARGET_SPEEDUP}x: {verdict(speedup >= TARGET_SPEEDUP)}]")
    peak = max(r.peak_mb for r in runs + linear)
    print(f"peak memory: {peak:.0f} MB   [target < {TARGET_MEMORY_MB} MB: {verdict(peak < TARGET_MEMORY_MB)}]")
    print(f"unchanged rebuild: {runs[-1].wall:.2f}s wall")
    if linear:
        whole = serial
        growth = (whole.cpu / linear[0].cpu) / (whole.size / linear[0].size)
        print(f"linearity: the whole corpus is {whole.size / linear[0].size:.1f}x the tenth's bytes "
              f"and costs {whole.cpu / linear[0].cpu:.1f}x its CPU (per byte: {growth:.2f}x)   "
              f"[target <= 1.10: {verdict(growth <= 1.10)}]")
        per_mb_small = linear[1].cpu / linear[1].mb
        per_mb_big = linear[2].cpu / linear[2].mb
        print(f"one {linear[2].mb:.1f} MB file: {per_mb_big:.2f} CPU s/MB; as {linear[1].files} files: {per_mb_small:.2f} CPU s/MB "
              f"({per_mb_big / per_mb_small:.2f}x)   [target <= 1.00: {verdict(per_mb_big <= per_mb_small)}]")
        head = linear[3]
        grows = (linear[2].cpu / head.cpu) / (linear[2].size / head.size)
        print(f"one file growing {linear[2].size / head.size:.1f}x in size ({head.mb:.1f} -> {linear[2].mb:.1f} MB) costs "
              f"{linear[2].cpu / head.cpu:.1f}x the CPU (per byte: {grows:.2f}x)   [target <= 1.10: {verdict(grows <= 1.10)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
