"""Catalogue fields around the OCR (front matter, identification forms), read as facts.

The field vocabulary is data (``data/record_fields.json``); this module only
knows how to turn one ``label: value`` pair into a fact.
"""

from __future__ import annotations

import json
from functools import cache

import jsonschema
import regex

from ..model import Fact
from ..resources import data_path, schema_path
from .engine import normalised_attrs


@cache
def _vocabulary() -> dict:
    data = json.loads(data_path("record_fields.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path("record_fields.schema.json").read_text(encoding="utf-8")))
    return data


def field_key(label: str) -> str:
    return " ".join(label.replace("_", " ").replace(":", " ").lower().split())


def is_field_label(label: str) -> bool:
    return field_key(label) in _vocabulary()["fields"]


def field_fact(label: str, value: str, start: int, end: int, rule: str) -> Fact | None:
    """The fact a catalogue field yields, or None for unknown labels and empty values."""
    spec = _vocabulary()["fields"].get(field_key(label))
    value = " ".join(value.strip().strip("'\"").split()).strip(" \u2014\u2013-\u2022\u00b7")
    if spec is None or value.lower() in _vocabulary()["empty"]:
        return None
    attrs: dict[str, str] = {}
    if "type" in spec:
        attrs["type"] = spec["type"]
    for choice in spec.get("types", ()):
        # The kind of identifier told by its shape ('CIA-RDP...' or a FOIA number 'C06501758').
        if regex.search(choice["pattern"], value):
            attrs["type"] = choice["type"]
            break
    if "field" in spec:
        attrs["field"] = spec["field"]
    attrs.update(normalised_attrs(spec.get("normalise", "text"), value))
    return Fact(spec["fact"], value, start, end, rule, "file", tuple(sorted(attrs.items())), unit=spec.get("unit", False))
