"""Cleaning is idempotent: the reading text of an already clean text is that text."""

from __future__ import annotations

import pytest

from conftest import CORPUS_FILES, RAW_FILES
from declassify.pipeline import encode_bytes, encode_file
from declassify.reading import reading_text

FILES = RAW_FILES + CORPUS_FILES


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_cleaning_twice_changes_nothing(path):
    """Each document's reading text, cleaned again as a file of its own, comes back unchanged.

    Documents are compared one by one: the reading text of a document is
    folded to one line, so the blank lines and layout that segmentation
    reads are gone from it, and a file of several clean documents is no
    longer the same file.
    """
    for item in encode_file(path).items:
        once = reading_text(item.root)
        if not once.strip():
            continue
        again = encode_bytes(once.encode("utf-8"), path.name)
        twice = " ".join(reading_text(other.root) for other in again.items)
        assert twice == once, item.filename
