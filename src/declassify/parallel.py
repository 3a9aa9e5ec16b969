"""Running the pipeline on many files: in this process, or on a pool of worker processes.

The builder hands over ``(index, path)`` tasks and gets ``(index, FileResult)``
back in completion order; it is the only writer, and everything it writes
depends on the index, never on the order in which results arrived.  So the
output is byte-identical whatever the number of workers.

Each worker compiles the rule packs and the project schemas once, when it
starts (``_start_worker``), not per file.  Tasks are submitted largest file
first, so a big file does not start last and keep one core busy while the
others idle; at most ``WINDOW_PER_JOB`` results per worker are in flight, so
memory does not grow with the corpus.  A worker that dies (killed, out of
memory, a crash in a C library) costs only the file that killed it: the files
that were in flight are retried one by one in a fresh worker, and the one
that kills its worker again becomes a one-line error.

A watchdog bounds every file, whatever hangs in it: a pattern without a
timeout of its own, a loop that never ends.  A file still in a worker past
its time budget (``file_budget``: generous, in proportion to its size) gets
its workers stopped, and is retried alone like a file whose worker died; if
it overruns again it becomes a one-line error.  With ``--jobs 1`` files are
encoded in this process and only the patterns' own timeouts apply.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .pipeline import FileResult, process_file
from .settings import DEFAULT, Settings

WINDOW_PER_JOB = 2
# The slowest file of 2,197 real records takes about 15 CPU s per MB; the
# budget is four times that, and never less than two minutes.
BUDGET_BASE = 120.0
BUDGET_PER_MB = 60.0

# Encoding a file makes and drops millions of short-lived objects, almost
# none of them in reference cycles, so reference counting frees them.  At
# the default threshold (700 allocations) the cyclic collector walked the
# young objects thousands of times per file: 3.4% of the CPU of the bench,
# 4.6% of one 10 MB file.  At this one it runs a few times per file (the
# count is of objects allocated and not yet freed) and costs 0.3% and 1.2%.
BATCH_GC_THRESHOLD = 50_000

Task = tuple[int, Path]

_settings: Settings = DEFAULT


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def warm_up(settings: Settings) -> None:
    """Compile what every file needs (rule packs, RELAX NG, Schematron) now, once."""
    from .noise.packs import load_packs
    from .validation import relaxng, schematron

    load_packs(settings.rules)
    if settings.validate:
        relaxng()
        schematron()


@contextmanager
def batch_collection() -> Iterator[None]:
    """The cyclic garbage collector tuned for a batch of files (BATCH_GC_THRESHOLD), then restored."""
    threshold = gc.get_threshold()
    gc.set_threshold(BATCH_GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _start_worker(settings: Settings) -> None:
    global _settings
    # Ctrl-C is the parent's to handle: it stops handing out files and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _settings = settings
    warm_up(settings)
    # A worker only encodes files: the batch setting for its whole life, and
    # what warm-up compiled (patterns, schemas) out of the collector's sight.
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])
    gc.freeze()


def _encode(path: Path) -> FileResult:
    return process_file(path, _settings)


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheapest (workers inherit the compiled rule packs) and safe here:
    # the parent has no threads of its own when the pool starts.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def file_budget(path: Path) -> float:
    """Seconds a worker may spend on ``path`` before the watchdog stops it."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return BUDGET_BASE + BUDGET_PER_MB * size / 1_000_000


def _died(path: Path, overdue: set[Path]) -> FileResult:
    if path in overdue:
        reason = f"stopped after {file_budget(path):.0f} s, its time budget (the pipeline hangs on it)"
    else:
        reason = "the worker process died while encoding it"
    return FileResult(name=path.name, error=f"{path.name}: internal error: {reason}")


def encode_all(tasks: Iterable[Task], settings: Settings = DEFAULT, *, jobs: int = 1) -> Iterator[tuple[int, FileResult]]:
    """Encode every task's file; yield ``(index, result)`` as each one is done.

    With ``jobs`` 1 everything runs in this process, in task order.
    """
    tasks = list(tasks)
    if jobs <= 1 or len(tasks) <= 1:
        for index, path in tasks:
            with batch_collection():
                result = process_file(path, settings)
            yield index, result
        return
    tasks.sort(key=_size_first)
    suspects: list[Task] = []
    overdue: set[Path] = set()
    pending = iter(tasks)
    while True:
        suspects += yield from _run_pool(pending, settings, min(jobs, len(tasks)), overdue)
        if not suspects:
            return
        # The pool broke: retry what was in flight alone, each in a fresh worker.
        for task in suspects:
            retry = yield from _run_pool(iter([task]), settings, 1, overdue)
            if retry:
                yield task[0], _died(task[1], overdue)
        suspects = []


def _size_first(task: Task) -> tuple[int, int]:
    try:
        size = task[1].stat().st_size
    except OSError:
        size = 0
    return (-size, task[0])


def _run_pool(
    pending: Iterator[Task], settings: Settings, jobs: int, overdue: set[Path]
) -> Iterator[tuple[int, FileResult]]:
    """Run tasks from ``pending`` on a pool until it is empty or the pool breaks.

    Returns (as the generator's value) the tasks that were in flight when the
    pool broke; ``pending`` then still holds the ones not yet started.  A
    task past its deadline breaks the pool on purpose and is added to
    ``overdue``.  A task may wait in the queue behind at most
    WINDOW_PER_JOB - 1 others of its worker, so its deadline allows for
    that many budgets more.
    """
    window = jobs * WINDOW_PER_JOB
    in_flight: dict[Future, Task] = {}
    deadlines: dict[Future, float] = {}
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_start_worker, initargs=(settings,))
    try:
        while True:
            while len(in_flight) < window:
                task = next(pending, None)
                if task is None:
                    break
                future = executor.submit(_encode, task[1])
                in_flight[future] = task
                queued_behind = min(WINDOW_PER_JOB - 1, (len(in_flight) - 1) // jobs)
                deadlines[future] = time.monotonic() + (1 + queued_behind) * file_budget(task[1])
            if not in_flight:
                return []
            done, _ = wait(in_flight, timeout=max(0.0, min(deadlines.values()) - time.monotonic()), return_when=FIRST_COMPLETED)
            if not done:
                now = time.monotonic()
                overdue.update(in_flight[f][1] for f, deadline in deadlines.items() if deadline <= now)
                _stop_workers(executor)
                return list(in_flight.values())
            for future in sorted(done, key=lambda f: in_flight[f][0]):
                task = in_flight[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    return list(in_flight.values())
                except Exception as err:  # the result could not come back (a bug): one line, go on
                    result = FileResult(name=task[1].name, error=f"{task[1].name}: internal error: {type(err).__name__}: {err}")
                del in_flight[future]
                del deadlines[future]
                yield task[0], result
    except BaseException:
        # Interrupted (Ctrl-C) or abandoned: stop now, not after the files in flight.
        _stop_workers(executor)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop its workers before Python 3.14
    # (terminate_workers); its process table is the only handle on them.
    stop = getattr(executor, "terminate_workers", None)
    if stop is not None:
        stop()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
