"""The person registry: who the records name, under which spellings, holding which offices when.

The built-in registry is ``data/people.json``; a user's files (``--people``)
add entries or replace built-in entries of the same key. Both are validated
against ``schemas/people.schema.json`` when loaded, once per process and set
of files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import regex

from ..errors import DeclassifyError
from ..resources import data_path, schema_path
from .periods import Tenure, tenure


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    aliases: tuple[str, ...]
    term: Tenure


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    name: str
    sort_name: str
    variants: tuple[str, ...]
    roles: tuple[Role, ...]
    side: str
    bare_surname: bool
    wikidata: str | None


_PUNCTUATION = regex.compile(r"[^\p{L}\p{N}\s'\u2019-]+")


def fold(name: str) -> str:
    """A name compared case- and punctuation-blind: 'N.S. KHRUSHCHEV' -> 'n s khrushchev'."""
    return " ".join(_PUNCTUATION.sub(" ", name.casefold().replace("\u2019", "'")).split())


@dataclass(slots=True)
class Registry:
    entries: dict[str, Entry]
    forms: dict[str, set[str]]  # folded full name or variant -> keys
    surnames: dict[str, set[str]]  # folded surname -> keys (bare surname allowed)
    all_surnames: dict[str, set[str]]  # folded surname -> keys, common surnames too
    aliases: dict[str, list[tuple[str, Tenure]]]  # folded alias -> (key, term)

    def by_key(self, key: str) -> Entry:
        return self.entries[key]

    @property
    def surnames_by_length(self) -> dict[int, list[tuple[str, set[str]]]]:
        """The surnames grouped by length, for OCR-distance lookups (built on first use)."""
        index = _LENGTH_INDEX.get(id(self))
        if index is None or index[0] is not self:
            grouped: dict[int, list[tuple[str, set[str]]]] = {}
            for form, keys in self.surnames.items():
                grouped.setdefault(len(form), []).append((form, keys))
            index = (self, grouped)
            _LENGTH_INDEX[id(self)] = index
        return index[1]


_LENGTH_INDEX: dict[int, tuple[Registry, dict]] = {}


def _surname(entry: dict) -> str:
    return entry["sort_name"].split(",")[0] if "," in entry["sort_name"] else entry["sort_name"].split()[0]


def _load_file(path: Path, schema: dict) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
    except (OSError, ValueError) as err:
        raise DeclassifyError(f"{path}: cannot read person registry: {err}") from None
    except jsonschema.ValidationError as err:
        raise DeclassifyError(f"{path}: person registry does not match schemas/people.schema.json: {err.message}") from None
    return data["people"]


@cache
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    schema = json.loads(schema_path("people.schema.json").read_text(encoding="utf-8"))
    raw: dict[str, dict] = {}
    for path in (data_path("people.json"), *map(Path, extra)):
        for entry in _load_file(path, schema):
            raw[entry["key"]] = entry
    registry = Registry({}, {}, {}, {}, {})
    for key in sorted(raw):
        data = raw[key]
        roles = tuple(
            Role(r["title"], tuple(r.get("aliases", ())), tenure(r.get("from"), r.get("to"))) for r in data.get("roles", ())
        )
        entry = Entry(
            key=key,
            name=data["name"],
            sort_name=data["sort_name"],
            variants=tuple(data.get("variants", ())),
            roles=roles,
            side=data["side"],
            bare_surname=data.get("bare_surname", True),
            wikidata=data.get("ids", {}).get("wikidata"),
        )
        registry.entries[key] = entry
        for form in (entry.name, *entry.variants):
            registry.forms.setdefault(fold(form), set()).add(key)
        registry.all_surnames.setdefault(fold(_surname(data)), set()).add(key)
        if entry.bare_surname:
            registry.surnames.setdefault(fold(_surname(data)), set()).add(key)
            for variant in entry.variants:
                if len(variant.split()) == 1:
                    registry.surnames.setdefault(fold(variant), set()).add(key)
        for role in roles:
            for alias in role.aliases:
                registry.aliases.setdefault(fold(alias).removeprefix("the "), []).append((key, role.term))
    return registry
