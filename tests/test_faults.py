"""Faults: a build killed at any moment leaves each output complete or absent, and the next run finishes the work; an output directory that is full or read-only gives one clear error.

The kills are real SIGKILLs of a real ``declassify build`` process, at points
chosen in the write path (a half-written temporary file, a temporary file
written but not renamed, an output renamed but the manifest and state not
yet written) and at moments chosen by the clock while two workers run.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import RAW_FILES
from declassify.cache import CACHE_DIR
from declassify.cli import main
from declassify.manifest import schema_errors
from declassify.validation import validate_bytes
from test_output import tree_bytes

# Runs `declassify build` and SIGKILLs itself at the n-th call of a write-path
# function.  Patching from a driver keeps fault hooks out of the product.
DRIVER = r"""
import os, signal, sys
point, nth = sys.argv[1], int(sys.argv[2])
calls = 0

def due():
    global calls
    calls += 1
    return calls == nth

def die():
    os.kill(os.getpid(), signal.SIGKILL)

real_fsync, real_replace = os.fsync, os.replace

def fsync(fd):
    if point == "half-written" and due():
        os.ftruncate(fd, os.fstat(fd).st_size // 2)  # as if the rest never reached the disk
        die()
    return real_fsync(fd)

def replace(src, dst):
    if point == "before-rename" and due():
        die()
    real_replace(src, dst)
    if point == "after-rename" and due():
        die()

os.fsync, os.replace = fsync, replace
from declassify.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"), env.get("PYTHONPATH", "")])
    return env


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in RAW_FILES:
        shutil.copyfile(path, raw / path.name)
    return raw


@pytest.fixture(scope="module")
def reference(sources, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference")
    assert main(["build", str(sources), "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    return tree_bytes(out)


def assert_complete_or_absent(out: Path, sources: Path) -> None:
    """Every output file under its own name is whole: TEI valid, manifest valid, ledgers tiling their raw file."""
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or CACHE_DIR in path.parts:
            continue  # hidden temporaries are not outputs; the next build sweeps them
        data = path.read_bytes()
        if path.suffix == ".xml":
            assert validate_bytes(data, path.name) == [], path
        elif path.name == "manifest.json":
            assert schema_errors(json.loads(data), "manifest.schema.json") == [], path
        elif path.parent.name == "ledger":
            ledger = json.loads(data)
            raw = (sources / ledger["source"]).read_text(encoding="utf-8")
            assert "".join(span["text"] for span in ledger["spans"]) == raw, path
        else:
            pytest.fail(f"unexpected output {path}")


def finish_and_compare(sources: Path, out: Path, reference: dict[str, bytes]) -> None:
    """The next, ordinary run completes the work: the same bytes as an uninterrupted build."""
    assert main(["build", str(sources), "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    assert tree_bytes(out) == reference
    leftovers = [p for p in out.rglob(".*.tmp")]
    assert leftovers == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "point, nth",
    [
        ("half-written", 1),  # the first output: nothing complete yet
        ("half-written", 6),
        ("before-rename", 3),
        ("before-rename", 11),
        ("after-rename", 8),
        ("after-rename", 15),  # every output written, the manifest not
    ],
)
def test_a_killed_build_leaves_whole_files_and_the_next_one_finishes(sources, reference, tmp_path, point, nth):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, point, str(nth), "build", str(sources), "--out", str(out), "--jobs", "1", "--quiet"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr  # it died where it was told to
    if point != "after-rename":
        assert list(out.rglob(".*.tmp")), "the kill should have caught a temporary file"
    assert_complete_or_absent(out, sources)
    finish_and_compare(sources, out, reference)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_killing_a_parallel_build_at_any_moment(sources, reference, tmp_path, delay):
    """Parent and workers SIGKILLed together, wherever they happen to be."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "declassify", "build", str(sources), "--out", str(out), "--jobs", "2", "--quiet"],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it had already finished: the invariant must hold all the same
    proc.wait(timeout=60)
    if out.exists():
        assert_complete_or_absent(out, sources)
    finish_and_compare(sources, out, reference)


def test_an_existing_output_survives_a_failed_rewrite(tmp_path, monkeypatch):
    """A write that fails half-way leaves the previous file, not half of the new one."""
    from declassify.stages import write

    target = tmp_path / "a.xml"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(write.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write.atomic_write(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xml"]


def test_stale_temporaries_are_swept_and_only_they(tmp_path):
    from declassify.stages.write import sweep_temporaries

    names = [".a-01.xml.k2j_9xQz.tmp", ".manifest.json.abcdefgh.tmp", "notes.tmp", ".a.xml", "a-01.xml", ".x.tmp"]
    for name in names:
        (tmp_path / name).write_text("x")
    assert sweep_temporaries(tmp_path) == [".a-01.xml.k2j_9xQz.tmp", ".manifest.json.abcdefgh.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".a.xml", "a-01.xml", ".x.tmp", "notes.tmp"])


# -- a full or read-only output directory --------------------------------------------


def _failing_fsync(code: int):
    def fsync(fd):
        raise OSError(code, os.strerror(code))

    return fsync


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES])
def test_an_output_directory_that_cannot_take_files_stops_the_build_with_one_error(sources, tmp_path, monkeypatch, capsys, code):
    from declassify.stages import write

    out = tmp_path / "out"
    monkeypatch.setattr(write.os, "fsync", _failing_fsync(code))
    assert main(["build", str(sources), "--out", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert "Traceback" not in err
    assert os.strerror(code) in errors[0]
    assert errors[-1].startswith(f"error: {out}: build stopped: {os.strerror(code)}; ")
    assert len(errors) == 2, errors  # the first failure and the stop, not one per input
    assert [p for p in out.rglob("*") if p.is_file() and CACHE_DIR not in p.parts] == []


def test_an_output_path_that_is_a_file_is_one_error(sources, tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("not a directory")
    assert main(["build", str(sources), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot create output directory" in err


@pytest.fixture
def small_filesystem(tmp_path):
    """A real 256 KB tmpfs, where this machine lets tests mount one (root in a container); else skip."""
    mount = tmp_path / "fs"
    mount.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def build_failing_on_disk(sources: Path, out: Path, reason: str) -> subprocess.CompletedProcess:
    """Run a real build into ``out``; it must stop with ``reason``, in one error, without a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "declassify", "build", str(sources), "--out", str(out), "--jobs", "1", "--quiet"],
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert reason in proc.stderr and "build stopped" in proc.stderr
    return proc


def test_a_really_full_disk(sources, small_filesystem):
    """The seeds' outputs (about 1 MB) do not fit in 256 KB: a clean stop, whole files only."""
    out = small_filesystem / "tei"
    build_failing_on_disk(sources, out, "No space left on device")
    assert_complete_or_absent(out, sources)
    assert list(out.rglob(".*.tmp")) == []


def test_a_really_read_only_directory(sources, small_filesystem):
    out = small_filesystem / "tei"
    out.mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_filesystem)], check=True)
    proc = build_failing_on_disk(sources, out, "Read-only file system")
    assert proc.stderr.count("\n") == 2
