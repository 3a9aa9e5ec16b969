"""Rendering a raw range as TEI mixed content: text, line breaks, forme work, annotations.

The raw range is walked through the tiling: free runs become text (a line
break inside a paragraph becomes ``<lb/>``), claims become the element their
kind names (``fw``, ``pb``, ``gap``, ``lb break="no"``), and standoff
annotations (``hi``, ``del``, ``persName`` ...) are wrapped around the text
they cover, split where they would otherwise overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from lxml import etree

from ..model import Anno, Layout
from ..tiling import Mark
from .tei import append_text, el

_NEWLINE_RUN = regex.compile(r"[^\S\n]*\n\s*")


@dataclass(slots=True)
class Event:
    start: int
    end: int
    kind: str  # text | break | mark
    text: str = ""
    mark: Mark | None = None
    newlines: int = 0


def events(layout: Layout, start: int, end: int) -> list[Event]:
    """The content of raw[start:end] as a flat, ordered list of events."""
    text = layout.text
    result: list[Event] = []
    for lo, hi, mark in layout.tiling.pieces(start, end):
        if mark is not None:
            result.append(Event(lo, hi, "mark", mark=mark))
            continue
        cursor = lo
        for match in _NEWLINE_RUN.finditer(text, lo, hi):
            if match.start() > cursor:
                result.append(Event(cursor, match.start(), "text", text[cursor : match.start()]))
            result.append(Event(match.start(), match.end(), "break", newlines=match.group().count("\n")))
            cursor = match.end()
        if cursor < hi:
            result.append(Event(cursor, hi, "text", text[cursor:hi]))
    return result


def _split_at(events_: list[Event], cuts: set[int]) -> list[Event]:
    """Split text events at annotation boundaries so that each lies wholly in or out."""
    result = []
    for event in events_:
        if event.kind != "text":
            result.append(event)
            continue
        inner = sorted(c for c in cuts if event.start < c < event.end)
        if not inner:
            result.append(event)
            continue
        bounds = [event.start, *inner, event.end]
        for a, b in zip(bounds, bounds[1:]):
            offset = a - event.start
            result.append(Event(a, b, "text", event.text[offset : offset + (b - a)]))
    return result


def render_range(
    parent: etree._Element,
    layout: Layout,
    start: int,
    end: int,
    annos: list[Anno] | None = None,
    *,
    line_break_newlines: int = 1,
    skip: set | None = None,
) -> None:
    """Append the content of raw[start:end] to ``parent`` (claims in ``skip`` are already written)."""
    stream = [e for e in events(layout, start, end) if not (skip and e.mark is not None and e.mark in skip)]
    active = sorted(
        (a for a in (annos or ()) if a.start < end and a.end > start and a.end > a.start),
        key=lambda a: (a.start, -a.end),
    )
    if active:
        cuts = {max(a.start, start) for a in active} | {min(a.end, end) for a in active}
        stream = _split_at(stream, cuts)
    stack: list[tuple[etree._Element, Anno | None]] = [(parent, None)]
    pending = list(active)
    for i, event in enumerate(stream):
        position = event.start
        _close_ended(stack, position)
        if event.kind == "text":
            # Open annotations that cover this text (in start order, outer first).
            while pending and pending[0].start <= position:
                anno = pending.pop(0)
                if anno.end <= position:
                    continue
                element = el(stack[-1][0], anno.tag, **dict(anno.attrs))
                stack.append((element, anno))
            append_text(stack[-1][0], event.text)
        elif event.kind == "break":
            target = stack[-1][0]
            neighbours = (stream[i - 1] if i else None, stream[i + 1] if i + 1 < len(stream) else None)
            beside_join = any(n is not None and n.kind == "mark" and n.mark.kind in ("join", "pb", "lb") for n in neighbours)
            if event.newlines == line_break_newlines and not beside_join:
                el(target, "lb")
            append_text(target, "\n")
        else:
            render_mark(stack[-1][0], layout, event.mark)


def _close_ended(stack: list[tuple[etree._Element, Anno | None]], position: int) -> None:
    """Close annotations that end at or before ``position``, splitting improper overlaps."""
    while True:
        ended = [i for i, (_, anno) in enumerate(stack) if anno is not None and anno.end <= position]
        if not ended:
            return
        depth = ended[0]
        reopen = [anno for _, anno in stack[depth + 1 :] if anno is not None and anno.end > position]
        del stack[depth:]
        for anno in reopen:
            element = el(stack[-1][0], anno.tag, **dict(anno.attrs))
            stack.append((element, anno))


_FORME_TOKEN = regex.compile(r"~~(?P<del>.+?)~~|<del>(?P<hdel>.*?)</del>|\*\*(?P<bold>.+?)\*\*|(?P<nl>\s*\n\s*)", regex.DOTALL)


# Characters a claim may have swallowed that XML cannot hold or that are only line breaks.
_LINE_SEPARATORS = regex.compile(r"\r\n?|[\v\x1c-\x1e\x85\u2028\u2029]")
_NOT_XML = regex.compile(r"[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Line separators as newlines, and nothing XML 1.0 forbids (normalise ledgers those characters)."""
    return _NOT_XML.sub("", _LINE_SEPARATORS.sub("\n", text))


def render_forme_text(parent: etree._Element, text: str) -> None:
    """Forme work keeps its raw text, with struck-through and bold spans and line breaks as elements."""
    text = xml_safe(text)
    cursor = 0
    for match in _FORME_TOKEN.finditer(text):
        append_text(parent, text[cursor : match.start()])
        if match.group("nl") is not None:
            el(parent, "lb")
            append_text(parent, "\n")
        elif match.group("bold") is not None:
            el(parent, "hi", match.group("bold"), rend="bold")
        else:
            struck = match.group("del") if match.group("del") is not None else match.group("hdel")
            el(parent, "del", struck, rend="strikethrough")
        cursor = match.end()
    append_text(parent, text[cursor:])


def render_mark(parent: etree._Element, layout: Layout, mark: Mark) -> None:
    """The element a claim stands for in the text (nothing for drops and header material)."""
    raw = layout.text[mark.start : mark.end]
    kind = mark.kind
    if kind == "fw":
        fw = el(parent, "fw", type=mark.attr("type"), place=mark.attr("place"))
        stamp_type = mark.attr("stamp")
        target = el(fw, "stamp", type=stamp_type) if stamp_type else fw
        render_forme_text(target, raw.strip())
    elif kind == "pb":
        el(parent, "pb", n=mark.attr("n"), **{"break": mark.attr("break")})
    elif kind == "gap":
        gap = el(parent, "gap", reason=mark.attr("reason", "redacted"))
        el(gap, "desc", " ".join(xml_safe(raw).split()))
    elif kind == "join":
        if mark.attr("via") != "pb":
            el(parent, "lb", **{"break": "no"})
    elif kind == "figure":
        figure = el(parent, "figure")
        el(figure, "figDesc", mark.attr("desc") or " ".join(xml_safe(raw).split()))
    elif kind == "fix":
        append_text(parent, mark.out)
    elif kind == "split":
        # Two fields OCR glued together: a break between them (raw had none, so only white space is added).
        el(parent, "lb")
        append_text(parent, "\n")
    elif kind == "lb":
        el(parent, "lb", n=mark.attr("n"), **{"break": mark.attr("break")})
    # drop and header claims leave nothing in the text: the ledger keeps them.
