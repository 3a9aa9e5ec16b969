"""The manifest's JSON Schema check (schemas/manifest.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

from .resources import schema_path


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_errors(data: object, schema: str) -> list[str]:
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}" for e in errors]


def validate_manifest(path: Path) -> list[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"unreadable: {err}"]
    return schema_errors(data, "manifest.schema.json")
