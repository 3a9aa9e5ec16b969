"""Golden TEI (pytest-regressions): full files whose every change must be read before it is accepted.

Regenerate with ``pytest tests/test_golden.py --force-regen`` and read the
diff (git diff tests/test_golden/) before committing it.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS, RAW
from declassify.pipeline import encode_file

GOLDEN = [
    RAW / "000_abc2821092a92f84.txt",
    CORPUS / "crest_01.txt",
    CORPUS / "jfkdoctly_03.txt",
    CORPUS / "tpajax_01.txt",
]


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_tei(path, file_regression):
    encoded = encode_file(path)
    joined = "\n".join(
        f"<!-- ===== {item.filename} ===== -->\n" + item.xml.decode("utf-8") for item in encoded.items
    )
    file_regression.check(joined, extension=".xml", basename=path.stem, encoding="utf-8")
