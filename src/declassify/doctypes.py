"""The document-type vocabulary (``data/doctypes.json``): ids, labels, descriptions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .resources import data_path


@dataclass(frozen=True, slots=True)
class DocType:
    id: str
    label: str
    description: str


@cache
def doctypes() -> tuple[DocType, ...]:
    data = json.loads(data_path("doctypes.json").read_text(encoding="utf-8"))
    return tuple(DocType(t["id"], t["label"], t["description"]) for t in data["types"])


@cache
def doctype(type_id: str) -> DocType:
    for entry in doctypes():
        if entry.id == type_id:
            return entry
    raise KeyError(type_id)
