"""Telegram forms: direction, address fields, the signing official, and a message relayed in QUOTE ... UNQUOTE."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..document import Node
from ..model import Block, Layout
from .freetext import FreeText
from .vocabulary import vocabulary

_ACP_ADDRESS = regex.compile(r"^[ \t]*(?P<label>FM|TO|INFO)[ \t]+(?P<rest>.+?)[ \t]*$")
_PRECEDENCE_TAIL = regex.compile(r"\s+(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE|NIACT|OPERATIONAL)\b.*$")
_DTG = regex.compile(r"(?m)^[ \t]*(?:[OPRZ][ \t]+){1,2}(?P<day>\d{2})(?P<hh>\d{2})(?P<mm>\d{2})Z[ \t]+(?P<mon>[A-Z]{3})[ \t]+(?P<yy>\d{2})\b")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# ACP-127 cables of the collections are of the 1940s-1990s: a two-digit year is 19YY.
CENTURY = 1900


@dataclass(slots=True)
class Addressing:
    direction: str | None = None
    to: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    sender: list[str] = field(default_factory=list)
    evidence: str | None = None
    cite: str | None = None  # the sending station a CIA cable's CITE line names


# 'CITE DIR 12345', 'CITE MEXI 4321': the station word, then the cable's number.
# OCR may put the number on the next line, or lose it.
_CITE = regex.compile(r"(?m)^[^\S\n]*(?:\S+[^\S\n]+){0,3}?CITE[^\S\n]+(?P<station>[A-Z]{3,10})(?:\s+\d{3,6}\b|[^\S\n]*$)")


def read_addressing(layout: Layout, start: int, end: int) -> Addressing:
    """Direction and address fields in the reading text and printed form of a telegram's first lines."""
    result = Addressing()
    vocab = vocabulary()
    text = layout.text[start:end]
    head = text[:3000]
    match = vocab.telegram_direction.search(head.upper())
    if match:
        result.direction = vocab.directions[" ".join(match.group("label").split())]
        result.evidence = f"form head {match.group('label')!r}"
    free = FreeText(layout, start, min(end, start + 3000)).text
    read_acp_addressing(free, result, vocab.acp_station)
    cite = _CITE.search(free)
    if cite:
        result.cite = vocab.cite_stations.get(cite.group("station"), cite.group("station"))
    for line in free.split("\n"):
        found = list(vocab.address_label.finditer(line))
        for k, label in enumerate(found):
            stop = found[k + 1].start() if k + 1 < len(found) else len(line)
            value = " ".join(line[label.end() : stop].split()).strip(" ,")
            if not value:
                continue
            kind = vocab.address_labels[" ".join(label.group("label").split()).upper()]
            {"to": result.to, "info": result.info, "from": result.sender}[kind].append(value)
    return result


def read_acp_addressing(text: str, result: Addressing, station: regex.Pattern) -> None:
    """FM / TO / INFO lines of an ACP-127 cable, with the stations continued on the lines after."""
    target = None
    for line in text.split("\n"):
        match = _ACP_ADDRESS.match(line)
        if match and station.match(_PRECEDENCE_TAIL.sub("", match.group("rest"))):
            target = {"FM": result.sender, "TO": result.to, "INFO": result.info}[match.group("label")]
            target.append(_PRECEDENCE_TAIL.sub("", match.group("rest")).strip())
            if result.direction is None and match.group("label") == "FM":
                result.evidence = "ACP-127 address lines (FM/TO)"
            continue
        if target is not None and station.fullmatch(_PRECEDENCE_TAIL.sub("", line.strip())):
            target.append(_PRECEDENCE_TAIL.sub("", line.strip()))
            continue
        target = None


def date_time_group(text: str):
    """The date-time group of an ACP-127 cable ('P 220842Z OCT 75') as a DateValue at minute precision, in UTC."""
    from ..dates import DateValue

    match = _DTG.search(text)
    if not match or match.group("mon") not in _MONTHS:
        return None
    day, month, year = int(match.group("day")), _MONTHS.index(match.group("mon")) + 1, CENTURY + int(match.group("yy"))
    if not 1 <= day <= 31 or int(match.group("hh")) > 23 or int(match.group("mm")) > 59:
        return None
    when = f"{year:04d}-{month:02d}-{day:02d}T{match.group('hh')}:{match.group('mm')}:00"
    return DateValue(when, "time", match.start(), match.end(), match.group().strip())


def quoted_spans(layout: Layout, blocks: list[Block]) -> tuple[int, int, int, int] | None:
    """(open_start, open_end, close_start, close_end) raw offsets of the QUOTE and UNQUOTE words, if both stand."""
    vocab = vocabulary()
    if not blocks or not (vocab.quote_open.search(layout.text, blocks[0].start, blocks[-1].end) and vocab.quote_close.search(layout.text, blocks[0].start, blocks[-1].end)):
        return None  # neither word stands in the raw text: no block need be read
    opened = None
    for block in blocks:
        ft = FreeText(layout, block.start, block.end)
        if opened is None:
            for lo, hi in ft.lines():
                match = vocab.quote_open.match(ft.text, lo, hi)
                if match:
                    opened = ft.raw_span(match.start(), match.end())
                    break
        else:
            match = vocab.quote_close.match(ft.text.lstrip())
            if match:
                lead = len(ft.text) - len(ft.text.lstrip())
                close = ft.raw_span(lead + match.start(), lead + match.end())
                return opened[0], opened[1], close[0], close[1]
    return None


def wrap_quoted(nodes: list[Node], quote: tuple[int, int, int, int], inner: list[Node]) -> list[Node]:
    """Replace the nodes inside the quote by ``p[#text QUOTE, floatingText, #text UNQUOTE]``."""
    open_start, open_end, close_start, close_end = quote
    before = [n for n in nodes if n.last_offset() <= open_start]
    after = [n for n in nodes if n.first_offset() >= close_end]
    letter = Node("div", attrs={"type": "letter"}, children=inner)
    floating = Node("floatingText", attrs={"type": "letter"}, children=[Node("body", children=[letter])])
    wrapper = Node("p", children=[Node("#text", open_start, open_end), floating, Node("#text", close_start, close_end)])
    return before + [wrapper] + after
