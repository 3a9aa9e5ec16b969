"""Shared fixtures: where things are, and expensive things built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
TEI = ROOT / "tei"
CORPUS = ROOT / "tests" / "corpus"
EXPECTED = ROOT / "tests" / "data" / "expected.json"

RAW_FILES = sorted(RAW.glob("*.txt"))
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tei_all_schema():
    """Full TEI P5, compiled once for the whole session (it takes several seconds)."""
    from declassify.validation import tei_all

    return tei_all()


@pytest.fixture(scope="session")
def rebuilt_raw(tmp_path_factory) -> Path:
    """raw/ built afresh into a temporary directory."""
    from declassify.build import build

    out = tmp_path_factory.mktemp("tei")
    summary = build([RAW], out, prune=True)
    assert not summary.errors, summary.errors
    return out


@pytest.fixture(scope="session")
def encoded_seeds() -> dict:
    from declassify.pipeline import encode_file

    return {path.name: encode_file(path) for path in RAW_FILES}


@pytest.fixture(scope="session")
def encoded_corpus() -> dict:
    from declassify.pipeline import encode_file

    return {path.name: encode_file(path) for path in CORPUS_FILES}
