"""Progress of a long build: shown on a terminal only, and what the status line says."""

from __future__ import annotations

import json

import io

from declassify.cli import main
from declassify.progress import Progress
from conftest import RAW_FILES


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_status_line_counts_rates_and_time_left():
    clock = Clock()
    progress = Progress(Terminal(), clock=clock)
    progress.start(files=10, size=4_000_000)
    clock.now += 2
    progress.advance(1_000_000, items=3, warnings=1, failed=False)
    progress.advance(0, items=0, warnings=0, failed=True)
    assert progress.line() == "[ 2/10 files] 3 documents, 1 errors, 1.0 files/s, 0.50 MB/s, 6s left"


def test_it_draws_on_a_terminal_and_clears_the_line_at_the_end():
    stream, clock = Terminal(), Clock()
    progress = Progress(stream, clock=clock)
    progress.start(2, 200)
    clock.now += 1
    progress.advance(100, 1, 0, False)
    assert stream.getvalue().startswith("\r[1/2 files] 1 documents")
    progress.finish()
    assert stream.getvalue().endswith("\r")


def test_it_is_silent_off_a_terminal_or_when_disabled():
    for stream, enabled in ((io.StringIO(), None), (Terminal(), False)):
        progress = Progress(stream, enabled=enabled)
        progress.start(1, 10)
        progress.advance(10, 1, 0, False)
        progress.finish()
        assert stream.getvalue() == ""


def test_build_ends_with_a_summary_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(RAW_FILES[0]), "--out", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    documents = len(json.loads((out / "manifest.json").read_text())["items"])
    assert err.startswith(f"1 files, {documents} documents, 0 warnings, 0 errors in ")
    assert main(["build", str(RAW_FILES[0]), "--out", str(out), "--jobs", "1"]) == 0
    assert capsys.readouterr().err.startswith(f"1 files (1 unchanged), {documents} documents, 0 warnings, 0 errors in ")
    assert main(["build", str(RAW_FILES[0]), "--out", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
