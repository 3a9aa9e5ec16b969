"""Where the project's data files live, installed or in a checkout.

The JSON Schemas, RELAX NG and Schematron are kept once, in the top-level
``schemas/`` directory; a wheel carries a copy inside the package (see
pyproject.toml), an editable install reads the checkout's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def schemas_dir() -> Path:
    for candidate in (PACKAGE_DIR / "schemas", PACKAGE_DIR.parents[1] / "schemas"):
        if (candidate / "rules.schema.json").is_file():
            return candidate
    raise FileNotFoundError("the declassify schemas directory is missing from this installation")


def schema_path(name: str) -> Path:
    return schemas_dir() / name


def rules_dir() -> Path:
    return PACKAGE_DIR / "rules"


def data_path(name: str) -> Path:
    return PACKAGE_DIR / "data" / name
