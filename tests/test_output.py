"""The committed output: current, deterministic, valid, with a valid manifest."""

from __future__ import annotations

import json

import pytest

from conftest import RAW, RAW_FILES, TEI
from declassify.build import build
from declassify.cache import CACHE_DIR
from declassify.manifest import schema_errors
from declassify.validation import parse_file, validate_tree

TEI_FILES = sorted(TEI.glob("*.xml"))


def tree_bytes(root):
    """Every output file's bytes (the incremental-build state is bookkeeping, not output)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and CACHE_DIR not in p.relative_to(root).parts
    }


def test_tei_is_current(rebuilt_raw):
    """Building raw/ afresh gives exactly the committed tei/ (run `make` after changing anything)."""
    assert tree_bytes(rebuilt_raw) == tree_bytes(TEI)


def test_build_is_deterministic(rebuilt_raw, tmp_path):
    again = tmp_path / "again"
    summary = build([RAW], again, prune=True)
    assert not summary.errors
    assert tree_bytes(again) == tree_bytes(rebuilt_raw)


def test_manifest_is_valid_and_complete():
    manifest = json.loads((TEI / "manifest.json").read_text(encoding="utf-8"))
    assert schema_errors(manifest, "manifest.schema.json") == []
    assert {e["source"] for e in manifest["items"]} == {p.name for p in RAW_FILES}
    assert sorted(e["path"] for e in manifest["items"]) == [p.name for p in TEI_FILES]


@pytest.mark.parametrize("path", TEI_FILES, ids=[p.name for p in TEI_FILES])
def test_committed_tei_is_valid(path, tei_all_schema):
    tree = parse_file(path)
    assert validate_tree(tree) == []
    assert tei_all_schema.validate(tree), [str(e) for e in tei_all_schema.error_log][:3]


def test_stale_items_are_removed(tmp_path):
    out = tmp_path / "out"
    (out).mkdir()
    (out / "000_abc2821092a92f84-09.xml").write_text("stale")
    (out / "unrelated.xml").write_text("kept")
    build([RAW_FILES[0]], out)
    assert not (out / "000_abc2821092a92f84-09.xml").exists()
    assert (out / "unrelated.xml").exists()


def test_prune_removes_outputs_of_vanished_sources(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW_FILES[:2]:
        (raw / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    build([raw], out, prune=True)
    (raw / RAW_FILES[1].name).unlink()
    build([raw], out, prune=True)
    manifest = json.loads((out / "manifest.json").read_text())
    assert {e["source"] for e in manifest["items"]} == {RAW_FILES[0].name}
    assert not list(out.glob(RAW_FILES[1].stem + "-*.xml"))
    assert not (out / "ledger" / f"{RAW_FILES[1].stem}.json").exists()
