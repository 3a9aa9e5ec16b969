"""Building a directory: the same bytes whatever the number of workers, and incremental rebuilds."""

from __future__ import annotations

import gc
import json
import os
import shutil

import pytest

from conftest import CORPUS_FILES, RAW_FILES
from declassify import parallel
from declassify.build import build
from declassify.cli import main
from declassify.cache import CACHE_DIR, STATE_FILE, BuildState, fingerprint
from declassify.settings import Settings
from test_output import tree_bytes

SOURCES = RAW_FILES + CORPUS_FILES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds and the dev corpus in one input directory."""
    raw = tmp_path_factory.mktemp("corpus")
    for path in SOURCES:
        shutil.copyfile(path, raw / path.name)
    return raw


@pytest.fixture(scope="module")
def built_serial(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    assert main(["build", str(corpus), "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    return out


def mtimes(root):
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def copy_tree(src, dst):
    shutil.copytree(src, dst)
    return dst


@pytest.mark.slow
def test_two_workers_write_the_same_bytes_as_one(corpus, built_serial, tmp_path):
    out = tmp_path / "parallel"
    assert main(["build", str(corpus), "--out", str(out), "--jobs", "2", "--quiet"]) == 0
    assert len(list(out.glob("ledger/*.json"))) == len(SOURCES)
    assert tree_bytes(out) == tree_bytes(built_serial)
    # The incremental state is the same bytes too: it records no times.
    assert (out / CACHE_DIR / STATE_FILE).read_bytes() == (built_serial / CACHE_DIR / STATE_FILE).read_bytes()


def test_errors_and_warnings_come_in_input_order_whatever_the_workers(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "c.txt", "e.txt"):
        (raw / name).write_text("")
    for name, path in zip(("b.txt", "d.txt"), RAW_FILES):
        shutil.copyfile(path, raw / name)
    one = build([raw], tmp_path / "one", jobs=1)
    two = build([raw], tmp_path / "two", jobs=2)
    assert [e.split(":")[0] for e in one.errors] == ["a.txt", "c.txt", "e.txt"]
    assert (one.errors, one.warnings, one.items) == (two.errors, two.warnings, two.items)


def _die_on_b(path):
    """Stands in for the worker's encoder: dies outright on b.txt, as a crash in a C library would."""
    if path.name == "b.txt":
        os._exit(1)
    return parallel.process_file(path, parallel._settings)


def test_a_dying_worker_costs_only_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_encode", _die_on_b)  # workers are forked: they see the patch
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, path in zip(("a.txt", "b.txt", "c.txt", "d.txt"), RAW_FILES):
        shutil.copyfile(path, raw / name)
    summary = build([raw], tmp_path / "out", jobs=2)
    assert len(summary.errors) == 1
    assert summary.errors[0].startswith("b.txt: internal error: the worker process died")
    from declassify.pipeline import encode_file

    survivors = sum(len(encode_file(raw / name).items) for name in ("a.txt", "c.txt", "d.txt"))
    assert summary.files == 4 and summary.items == survivors


def test_unchanged_inputs_are_not_encoded_again(corpus, built_serial, tmp_path):
    out = copy_tree(built_serial, tmp_path / "out")
    before, times = tree_bytes(out), mtimes(out)
    summary = build([corpus], out, jobs=2)
    assert summary.unchanged == summary.files == len(SOURCES)
    assert not summary.errors
    assert summary.items == len(json.loads((out / "manifest.json").read_text())["items"])
    assert tree_bytes(out) == before
    assert mtimes(out) == times  # nothing rewritten, not even the manifest


def test_a_rebuild_reports_the_same_summary(corpus, built_serial, tmp_path):
    out = copy_tree(built_serial, tmp_path / "out")
    full = build([corpus], tmp_path / "fresh", jobs=1)
    again = build([corpus], out, jobs=1)
    assert (again.files, again.items, again.warnings, again.errors) == (full.files, full.items, full.warnings, full.errors)


def test_a_changed_input_is_encoded_again_and_only_it(corpus, built_serial, tmp_path):
    raw = copy_tree(corpus, tmp_path / "raw")
    out = copy_tree(built_serial, tmp_path / "out")
    changed = raw / SOURCES[0].name
    changed.write_bytes(changed.read_bytes() + b"\n\nA paragraph added at the end of the file.\n")
    summary = build([raw], out, jobs=1)
    assert summary.unchanged == len(SOURCES) - 1
    fresh = tmp_path / "fresh"
    build([raw], fresh, jobs=1)
    assert tree_bytes(out) == tree_bytes(fresh)


def test_an_output_deleted_by_hand_is_made_again(corpus, built_serial, tmp_path):
    out = copy_tree(built_serial, tmp_path / "out")
    victim = sorted(out.glob("*.xml"))[3]
    ledger = sorted((out / "ledger").glob("*.json"))[5]
    data = victim.read_bytes(), ledger.read_bytes()
    victim.unlink()
    ledger.write_bytes(b"{}")
    (out / "manifest.json").unlink()
    summary = build([corpus], out, jobs=1)
    assert summary.unchanged == len(SOURCES) - 2
    assert (victim.read_bytes(), ledger.read_bytes()) == data
    assert tree_bytes(out) == tree_bytes(built_serial)


def test_other_settings_invalidate_everything(corpus, built_serial, tmp_path):
    pack = tmp_path / "extra.toml"
    pack.write_text(
        'pack = "extra"\ndescription = "A test pack."\n\n[[rules]]\nid = "extra.nothing"\nkind = "line"\n'
        "pattern = 'XYZZY-NEVER-SEEN'\naction = { element = \"drop\" }\n"
        'justification = "A rule that matches nothing in the corpus."\nexamples = ["XYZZY-NEVER-SEEN"]\n'
    )
    out = copy_tree(built_serial, tmp_path / "out")
    with_pack = Settings(rules=(str(pack),))
    assert build([corpus], out, with_pack, jobs=1).unchanged == 0
    assert build([corpus], out, with_pack, jobs=1).unchanged == len(SOURCES)
    # Editing the pack (not just naming it) changes the fingerprint too.
    pack.write_text(pack.read_text().replace("A rule that", "Still a rule that"))
    assert build([corpus], out, with_pack, jobs=1).unchanged == 0
    assert build([corpus], out, jobs=1).unchanged == 0


def test_the_fingerprint_follows_the_package_and_the_settings():
    assert fingerprint(Settings()) == fingerprint(Settings())
    assert fingerprint(Settings()) != fingerprint(Settings(max_size=1000))
    assert fingerprint(Settings()) != fingerprint(Settings(validate=False))


def test_a_changed_pipeline_invalidates_everything(corpus, built_serial, tmp_path, monkeypatch):
    out = copy_tree(built_serial, tmp_path / "out")
    monkeypatch.setattr("declassify.build.fingerprint", lambda settings: "another pipeline version")
    assert build([corpus], out, jobs=1).unchanged == 0
    assert tree_bytes(out) == tree_bytes(built_serial)


@pytest.mark.parametrize("damage", ["", "not json", '{"format": 1, "fingerprint": 3, "inputs": []}', '{"inputs": {"x": 1}}'])
def test_a_damaged_state_means_a_full_build(corpus, built_serial, tmp_path, damage):
    out = copy_tree(built_serial, tmp_path / "out")
    state = out / CACHE_DIR / STATE_FILE
    state.write_text(damage)
    summary = build([corpus], out, jobs=1)
    assert summary.unchanged == 0 and not summary.errors
    assert tree_bytes(out) == tree_bytes(built_serial)
    assert BuildState.load(out, fingerprint(Settings())).entries.keys() == {p.name for p in SOURCES}


def test_force_encodes_everything(corpus, built_serial, tmp_path):
    out = copy_tree(built_serial, tmp_path / "out")
    summary = build([corpus], out, jobs=1, force=True)
    assert summary.unchanged == 0
    assert tree_bytes(out) == tree_bytes(built_serial)


def test_failed_inputs_are_tried_again(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("")
    shutil.copyfile(RAW_FILES[0], raw / "good.txt")
    out = tmp_path / "out"
    assert len(build([raw], out).errors) == 1
    again = build([raw], out)
    assert len(again.errors) == 1 and again.unchanged == 1
    shutil.copyfile(RAW_FILES[1], raw / "empty.txt")
    fixed = build([raw], out)
    from declassify.pipeline import encode_file

    expected = len(encode_file(RAW_FILES[0]).items) + len(encode_file(RAW_FILES[1]).items)
    assert not fixed.errors and fixed.unchanged == 1 and fixed.items == expected


def test_prune_forgets_vanished_inputs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW_FILES[:2]:
        shutil.copyfile(path, raw / path.name)
    out = tmp_path / "out"
    build([raw], out, prune=True)
    (raw / RAW_FILES[1].name).unlink()
    build([raw], out, prune=True)
    assert set(BuildState.load(out, fingerprint(Settings())).entries) == {RAW_FILES[0].name}
    # Put back, it is encoded again: its outputs were removed with it.
    shutil.copyfile(RAW_FILES[1], raw / RAW_FILES[1].name)
    assert build([raw], out, prune=True).unchanged == 1
    assert (out / "ledger" / f"{RAW_FILES[1].stem}.json").is_file()


@pytest.mark.parametrize("jobs", ["0", "-1", "many"])
def test_a_bad_number_of_jobs_is_a_usage_error(jobs, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--jobs", jobs])
    assert exit_.value.code == 2
    assert "not a number of worker processes" in capsys.readouterr().err


def _hang_on_b(path):
    """Stands in for the worker's encoder: b.txt never finishes."""
    if path.name == "b.txt":
        import time

        time.sleep(3600)  # a pipeline stuck on this file, in Python or in C
    return parallel.process_file(path, parallel._settings)


def test_an_interrupted_build_stops_its_workers_and_keeps_what_it_finished(tmp_path, monkeypatch):
    import time

    monkeypatch.setattr(parallel, "_encode", _hang_on_b)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(RAW_FILES[0], raw / "a.txt")
    shutil.copyfile(RAW_FILES[1], raw / "b.txt")

    def interrupt(result):
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        build([raw], tmp_path / "out", jobs=2, on_result=interrupt)
    assert time.monotonic() - started < 60  # b.txt's worker was stopped, not waited for
    assert set(BuildState.load(tmp_path / "out", fingerprint(Settings())).entries) == {"a.txt"}


def test_a_file_that_hangs_is_stopped_by_the_watchdog_and_costs_only_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_encode", _hang_on_b)  # workers are forked: they see the patch
    monkeypatch.setattr(parallel, "BUDGET_BASE", 1.5)
    monkeypatch.setattr(parallel, "BUDGET_PER_MB", 0.0)
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, path in zip(("a.txt", "b.txt", "c.txt"), RAW_FILES):
        shutil.copyfile(path, raw / name)
    summary = build([raw], tmp_path / "out", jobs=2)
    assert summary.errors == ["b.txt: internal error: stopped after 2 s, its time budget (the pipeline hangs on it)"]
    assert summary.files == 3 and summary.items > 0
    assert not list((tmp_path / "out").glob("b-*.xml"))
    assert list((tmp_path / "out").glob("a-*.xml")) and list((tmp_path / "out").glob("c-*.xml"))


def test_a_batch_tunes_the_collector_and_gives_it_back():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), parallel.batch_collection():
        assert gc.get_threshold() == (parallel.BATCH_GC_THRESHOLD, *before[1:])
        raise RuntimeError("a file failed")
    assert gc.get_threshold() == before
