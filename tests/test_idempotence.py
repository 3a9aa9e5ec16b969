"""Cleaning is idempotent: the reading text of an already clean text is that text."""

from __future__ import annotations

import pytest

from conftest import CORPUS_FILES, RAW_FILES
from declassify.pipeline import encode_bytes, encode_file
from declassify.reading import reading_text

FILES = RAW_FILES + CORPUS_FILES


def clean(encoded) -> str:
    """What ``declassify clean`` prints: each item's reading text, items separated by a blank line."""
    return "\n\n".join(reading_text(item.root) for item in encoded.items)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_cleaning_twice_changes_nothing(path):
    once = clean(encode_file(path))
    twice = clean(encode_bytes(once.encode("utf-8"), path.name))
    assert twice == once
