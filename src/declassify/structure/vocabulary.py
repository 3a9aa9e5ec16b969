"""The structure vocabulary (data/structure.json), validated and compiled once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import jsonschema
import regex

from ..resources import data_path, schema_path


@dataclass(frozen=True, slots=True)
class Vocabulary:
    valediction: regex.Pattern
    salutation: regex.Pattern
    numbered_heading: regex.Pattern
    document_words: dict[str, str]
    heading_label: regex.Pattern
    heading_fields: dict[str, str]
    telegram_direction: regex.Pattern
    directions: dict[str, str]
    address_label: regex.Pattern
    address_labels: dict[str, str]
    quote_open: regex.Pattern
    quote_close: regex.Pattern
    sender_labels: tuple[str, ...]
    card_first_field: regex.Pattern
    card_continuation: regex.Pattern
    attachment_mention: regex.Pattern
    acp_station: regex.Pattern
    cite_stations: dict[str, str]
    continuation_head: regex.Pattern
    caption: regex.Pattern


def _alternation(words) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def load_structure_data() -> dict:
    data = json.loads(data_path("structure.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path("structure.schema.json").read_text(encoding="utf-8")))
    return data


@cache
def vocabulary() -> Vocabulary:
    data = load_structure_data()
    fields = data["heading_fields"]["labels"]
    telegram = data["telegram"]
    return Vocabulary(
        # A close stands alone on its line, or opens a line that goes on with the signature.
        valediction=regex.compile(rf"(?i)^(?:{_alternation(data['valedictions']['phrases'])})(?:[ \t]*[,.;]|[ \t]*(?=\n|$))"),
        salutation=regex.compile(data["salutation"]["pattern"]),
        numbered_heading=regex.compile(data["numbered_heading"]["pattern"]),
        document_words={k.lower(): v for k, v in data["document_words"]["map"].items()},
        # Heading labels are printed in capitals and end with a colon.
        # Used with match(text, pos): anchored at pos, so no '^' (which would only match at 0).
        heading_label=regex.compile(rf"[ \t]*(?P<label>{_alternation(fields)})[ \t]*:"),
        heading_fields=fields,
        telegram_direction=regex.compile(rf"(?<![\w])(?P<label>{_alternation(telegram['directions'])})(?![\w])"),
        directions=telegram["directions"],
        address_label=regex.compile(rf"(?<![\w/])(?P<label>{_alternation(telegram['address_labels'])})[ \t]*:"),
        address_labels=telegram["address_labels"],
        quote_open=regex.compile(rf"(?<![\w])(?:{_alternation(telegram['quote_open'])})(?![\w])"),
        quote_close=regex.compile(rf"(?<![\w])(?:{_alternation(telegram['quote_close'])})(?![\w])"),
        sender_labels=tuple(data["routing_slip"]["sender_labels"]),
        card_first_field=regex.compile(rf"(?m)^[ \t]*(?:{_alternation(data['record_cards']['first_fields'])})[ \t]*:"),
        card_continuation=regex.compile(data["record_cards"]["continuation"]),
        attachment_mention=regex.compile(data["attachments"]["mentions"]),
        acp_station=regex.compile(rf"(?:{_alternation(telegram['acp_stations'])})\s+[A-Z][A-Z .]*"),
        cite_stations=telegram["cite_stations"],
        continuation_head=regex.compile(data["continuation_heads"]["pattern"]),
        caption=regex.compile(data["captions"]["pattern"]),
    )


def field_kind(label: str) -> str:
    """The list type or field a heading label fills ('SUBJECT' -> 'subject')."""
    return vocabulary().heading_fields[" ".join(label.split()).upper()]
