"""The parts of one document: heading, opener, heading fields, paragraphs, closer.

``dissect`` reads an item's blocks once and returns its ``Anatomy``: the body
as nodes over raw ranges, and what the parts say (the dateline's date and
place, the salutation, the signer, the heading fields, the edition's number
and title). Analysis steps take their facts from it; the encoder writes its
nodes. A part that is not certain is left a paragraph: a paragraph too many
loses nothing, a wrong closer misreads the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import json
from functools import cache

import regex

from ..dates import DateValue, find_dates
from ..document import Node
from ..model import Anno, Block, Layout
from ..resources import data_path
from . import cues
from .freetext import FreeText
from .vocabulary import vocabulary

RULE = "structure.anatomy"
# A block with this many words of prose ends the head of a document.
PROSE_WORDS = 12
_TIME = regex.compile(r"(?i)\b(?P<h>[01]?\d)[:.](?P<m>[0-5]\d)\s*(?P<ap>[ap])\.?\s*m\b\.?")
# A sentence ends at . ! ? (an initial's full stop, 'F. Kennedy', ends none).
_SENTENCE_END = regex.compile(r"(?<!\b\p{Lu})[.!?][\"'\u201d\u2019)]?\s+")
# A telegram is signed with the surname of the official who sent it, in capitals ('RUSK').
_SURNAME_SIGNATURE = regex.compile(r"^\p{Lu}{3,20}\.?$")
_SALUTE_NAME = regex.compile(r"(?i)(?:my\s+)?dear\s+(?P<name>[^:;,\n]+?)\s*[:;,]")
_INSIDE_ADDRESS = regex.compile(r"(?i)^(?:the\s+honou?rable|his\s+excellency|mr\.|mrs\.|dr\.|general|admiral|ambassador)\s")


@dataclass(slots=True)
class Field:
    kind: str  # to | from | subject | reference | date | time | place | distribution | participants
    label: tuple[int, int]
    value: tuple[int, int]
    text: str


@dataclass(slots=True)
class Anatomy:
    nodes: list[Node] = field(default_factory=list)
    annos: list[Anno] = field(default_factory=list)
    number: str | None = None
    heading_kind: str | None = None  # the edition's word for the document ('Letter')
    heading_text: str | None = None
    heading_from: str | None = None
    heading_to: str | None = None
    title: str | None = None
    date: DateValue | None = None
    place: str | None = None
    salute: str | None = None
    signer: str | None = None
    signer_span: tuple[int, int] | None = None
    addressee_lines: list[str] = field(default_factory=list)
    letterhead: str | None = None
    fields: list[Field] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    inner: "Anatomy | None" = None  # a document quoted whole inside this one


@cache
def _group_labels() -> frozenset[str]:
    data = json.loads(data_path("memo.json").read_text(encoding="utf-8"))
    return frozenset(label.upper() for label in data["group_labels"])


def _lines_of(layout: Layout, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Raw ranges of the non-blank lines in span, split at run-together-field breaks too."""
    ft = FreeText(layout, span[0], span[1])
    return [ft.raw_span(lo, hi) for lo, hi in ft.lines()]


def leaf(tag: str, span: tuple[int, int], **attrs: str) -> Node:
    return Node(tag, span[0], span[1], attrs=dict(attrs))


def _date_with_time(date: DateValue, rest: str) -> DateValue:
    """A heading's date with the time typed beside it ('12:45 P.M.')."""
    match = _TIME.search(rest)
    if not match or date.precision != "day":
        return date
    hour = int(match.group("h")) % 12 + (12 if match.group("ap").lower() == "p" else 0)
    return DateValue(f"{date.when}T{hour:02d}:{match.group('m')}:00", "time", date.start, date.end, date.text)


class _Reader:
    """Walks the blocks of one item, consuming parts from the head and from the foot."""

    def __init__(self, layout: Layout, blocks: list[Block]):
        self.layout = layout
        self.blocks = [b for b in blocks if FreeText(layout, b.start, b.end).text.strip()]
        self.texts = [FreeText(layout, b.start, b.end) for b in self.blocks]
        self.anatomy = Anatomy()

    # -- helpers -------------------------------------------------------------------------

    def words(self, i: int) -> int:
        return len(self.texts[i].text.split())

    def is_prose(self, i: int) -> bool:
        text = self.texts[i].text
        return len(text.split()) >= PROSE_WORDS and not vocabulary().heading_label.match(text.lstrip())

    def date_anno(self, ft: FreeText, date: DateValue) -> None:
        span = ft.raw_span(date.start, date.end)
        self.anatomy.annos.append(Anno(span[0], span[1], "date", RULE, (("when", date.when),)))

    # -- the head ------------------------------------------------------------------------

    def dateline(self, ft: FreeText, lo: int, hi: int) -> Node | None:
        """A dateline in text[lo:hi]: '[Place,] Month D, YYYY.' with date and placeName marked."""
        text = ft.text
        dates = [d for d in find_dates(text, lo, hi) if d.precision in ("day", "time")]
        if not dates:
            return None
        date = dates[0]
        before = text[lo : date.start]
        place = before.strip(" \t\n,.-")
        if len(place.split()) > 5:
            return None
        end = date.end
        if end < hi and text[end] == ".":
            end += 1
        if place:
            p_lo = lo + len(before) - len(before.lstrip(" \t\n"))
            span = ft.raw_span(p_lo, p_lo + len(place))
            self.anatomy.annos.append(Anno(span[0], span[1], "placeName", RULE))
            self.anatomy.place = self.anatomy.place or " ".join(place.split())
        self.date_anno(ft, date)
        self.anatomy.date = self.anatomy.date or date
        return leaf("dateline", ft.raw_span(lo, end))

    def head(self) -> int:
        """Consume the document's head; return the index of the first body block."""
        a = self.anatomy
        opener: list[Node] = []
        i = 0
        while i < len(self.blocks):
            ft = self.texts[i]
            text = ft.text
            first = cues.first_line(text)
            if i == 0 and (heading := cues.numbered_heading(text)):
                a.number = heading.group("number")
                a.heading_kind = " ".join(heading.group("kind").split())
                a.heading_text = " ".join(first.split())
                rest = heading.group("rest")
                match = regex.search(r"(?i)\bfrom\s+(?P<from>.+?)(?:\s+to\s+(?P<to>.+?))?\s*$", rest)
                if match:
                    a.heading_from = match.group("from")
                    a.heading_to = match.group("to")
                else:
                    match = regex.search(r"(?i)\bto\s+(?P<to>.+?)\s*$", rest)
                    a.heading_to = match.group("to") if match else None
                line_end = text.index(first) + len(first)
                a.nodes.append(leaf("head", ft.raw_span(0, line_end)))
                a.evidence.append(f"numbered heading {a.number}. {a.heading_kind}")
                if text[line_end:].strip():
                    self.split_block(i, line_end)
                    continue
                i += 1
                continue
            if not a.nodes and not opener and cues.memo_heading(text) and not self.has_label_line(ft) and self.titled_heading(i):
                i += 1
                continue
            if self.has_label_line(ft) or (a.fields and self.continues_field(i)):
                self.fields(i)
                i += 1
                continue
            if self.is_prose(i) and not cues.salutation(text):
                break
            salute = self.find_salutation(ft)
            if cues.dateline(text) and not cues.memo_heading(text):
                line_end = text.index(first) + len(first)
                stop = salute.start() if salute and salute.start() < line_end else line_end
                node = self.dateline(ft, text.index(first), stop)
                if node is not None:
                    opener.append(node)
                    rest_at = stop
                    if salute:
                        opener.append(self.salute_node(ft, salute))
                        rest_at = salute.end()
                    elif text[line_end:].strip() and not cues.salutation(text[line_end:]):
                        # Time and place lines under a heading's date.
                        remainder = text[line_end:]
                        a.date = _date_with_time(a.date, remainder)
                        opener[-1] = leaf("dateline", ft.raw_span(text.index(first), len(text)))
                        rest_at = len(text)
                    elif text[line_end:].strip():
                        salute = cues.salutation(text[line_end:])
                        opener.append(self.salute_node(ft, salute, offset=line_end + len(text[line_end:]) - len(text[line_end:].lstrip())))
                        rest_at = len(text)
                    if text[rest_at:].strip():
                        self.split_block(i, rest_at)
                        continue
                    i += 1
                    continue
            if salute and salute.start() == len(text) - len(text.lstrip()):
                opener.append(self.salute_node(ft, salute))
                if text[salute.end() :].strip():
                    self.split_block(i, salute.end())
                    continue
                i += 1
                continue
            if self.is_prose(i):
                break
            # A short block before the body: a title, a letterhead, an address, a time or place line.
            if opener and opener[-1].tag == "salute":
                break
            if not self.short_head_block(i, opener):
                break  # the first plain paragraph: the body begins
            i += 1
        if opener:
            a.nodes.append(Node("opener", children=opener))
        return i

    def titled_heading(self, i: int) -> bool:
        """A heading that names the document ('Minutes of the conversation between ...'), perhaps with its date under it."""
        ft = self.texts[i]
        lines = ft.lines()
        if len(ft.text.split()) > 60:
            return False
        last_lo, last_hi = lines[-1]
        title_end = lines[-1][1]
        if len(lines) > 1 and cues.dateline(ft.text[last_lo:last_hi]):
            title_end = lines[-2][1]
        self.anatomy.title = " ".join(ft.text[: title_end].split())
        self.anatomy.nodes.append(leaf("head", ft.raw_span(0, title_end)))
        if title_end < lines[-1][1]:
            node = self.dateline(ft, last_lo, last_hi)
            if node is not None:
                self.anatomy.nodes.append(Node("opener", children=[node]))
        return True

    def find_salutation(self, ft: FreeText) -> regex.Match | None:
        text = ft.text
        pattern = vocabulary().salutation
        for lo, hi in ft.lines():
            line = text[lo:hi]
            stripped = lo + len(line) - len(line.lstrip())
            match = pattern.match(text, stripped, hi)
            if match:
                return match
            # After a dateline on the same line: 'Washington, February 22, 1961. DEAR MR. CHAIRMAN:'
            for date in find_dates(text, lo, hi):
                after = date.end + 1 if date.end < hi and text[date.end] == "." else date.end
                while after < hi and text[after].isspace():
                    after += 1
                match = pattern.match(text, after, hi)
                if match:
                    return match
        return None

    def salute_node(self, ft: FreeText, match: regex.Match, offset: int | None = None) -> Node:
        start = match.start() if offset is None else offset
        end = match.end() if offset is None else offset + (match.end() - match.start())
        self.anatomy.salute = " ".join(ft.text[start:end].split())
        named = _SALUTE_NAME.match(ft.text, start, end)
        if named:
            span = ft.raw_span(named.start("name"), named.end("name"))
            self.anatomy.annos.append(Anno(span[0], span[1], "persName", RULE))
        return leaf("salute", ft.raw_span(start, end))

    def split_block(self, i: int, at: int) -> None:
        """Replace block i by its rest from string index ``at`` (the part before is consumed)."""
        ft = self.texts[i]
        raw_at = ft.raw_start(at)
        block = self.blocks[i]
        rest = Block(raw_at, block.end, block.first_line, block.last_line)
        self.blocks[i] = rest
        self.texts[i] = FreeText(self.layout, rest.start, rest.end)

    def has_label_line(self, ft: FreeText) -> bool:
        label_re = vocabulary().heading_label
        return any(label_re.match(ft.text, lo, hi) or self.address_label(ft.text, lo, hi) for lo, hi in ft.lines())

    @staticmethod
    def address_label(text: str, lo: int, hi: int) -> regex.Match | None:
        """A telegram form's address label ('SENT TO:', 'RPTD INFO:') after at most two printed form words."""
        match = vocabulary().address_label.search(text, lo, hi)
        if match and len(text[lo : match.start()].split()) <= 2:
            return match
        return None

    def continues_field(self, i: int) -> bool:
        """A short block under a heading field (a list of names under 'COPIES TO:')."""
        text = self.texts[i].text
        last = next((f for f in reversed(self.anatomy.fields) if f.kind != "distribution-item"), None)
        # Only fields typed as columns run on past their block: names under a list label,
        # the time and place under a memorandum's date.
        if last is None or last.kind not in ("distribution", "participants", "date", "time"):
            return False
        return not self.is_prose(i) and len(text.split()) <= 10 and not cues.dateline(text) and not cues.salutation(text)

    def fields(self, i: int) -> None:
        """Heading fields in block i: 'LABEL: value' lines, a value running on to the next label."""
        ft = self.texts[i]
        text = ft.text
        label_re = vocabulary().heading_label
        for lo, hi in ft.lines():
            line = text[lo:hi]
            indent = len(line) - len(line.lstrip())
            match = label_re.match(text, lo + indent, hi)
            address = self.address_label(text, lo, hi) if match is None else None
            if address is not None:
                kind = vocabulary().address_labels[" ".join(address.group("label").split()).upper()]
                self.anatomy.fields.append(Field(kind, ft.raw_span(lo + indent, address.end()), ft.raw_span(address.end(), hi), text[address.end() : hi]))
                continue
            if match is None and text[lo:hi].strip().upper() in _group_labels():
                # 'US' / 'USSR' over a column of participants.
                self.anatomy.fields.append(Field("participants", ft.raw_span(lo, hi), ft.raw_span(hi, hi), ""))
                continue
            if match:
                kind = vocabulary().heading_fields[" ".join(match.group("label").split()).upper()]
                value_lo = match.end()
                self.anatomy.fields.append(Field(kind, ft.raw_span(lo + indent, match.end()), ft.raw_span(value_lo, hi), text[value_lo:hi]))
            elif self.anatomy.fields:
                last = next(f for f in reversed(self.anatomy.fields) if f.kind != "distribution-item")
                span = ft.raw_span(lo, hi)
                if last.kind == "distribution":
                    # One name per line: each is an item of the list.
                    self.anatomy.fields.append(Field("distribution-item", span, span, text[lo:hi]))
                    continue
                last.value = span if last.value[1] <= last.value[0] else (last.value[0], span[1])
                last.text += "\n" + text[lo:hi]

    def short_head_block(self, i: int, opener: list[Node]) -> bool:
        """Take a short block before the body as a heading part; False when it is the body's first paragraph."""
        a = self.anatomy
        ft = self.texts[i]
        text = " ".join(ft.text.split())
        span = ft.raw_span(0, len(ft.text))
        if cues.memo_heading(ft.text) or (not a.nodes and not opener and not a.fields and i + 1 < len(self.blocks) and text.upper() == text and len(text.split()) <= 6):
            kind = "letterhead" if not cues.memo_heading(ft.text) and cues.signature(ft.text) else None
            if kind:
                a.letterhead = text
                a.nodes.append(leaf("head", span, type="letterhead"))
            else:
                a.title = a.title or text
                a.nodes.append(leaf("head", span))
            return True
        if a.date is not None and not a.place and _TIME.search(ft.text) is None and len(text.split()) <= 12:
            a.place = text
            a.annos.append(Anno(span[0], span[1], "placeName", RULE))
            a.nodes.append(leaf("p", span))
            return True
        if a.date is not None and _TIME.search(ft.text) and len(text.split()) <= 4:
            a.date = _date_with_time(a.date, ft.text)
            a.nodes.append(leaf("p", span))
            return True
        if not a.nodes and not opener and i + 1 < len(self.blocks) and len(text.split()) <= 20 and not text.endswith("."):
            a.title = a.title or text
            a.nodes.append(leaf("head", span))
            return True
        return False

    # -- the foot ------------------------------------------------------------------------

    def foot(self, first_body: int) -> tuple[int, list[Node]]:
        """Consume the closer from the end; return where it begins and its nodes."""
        n = len(self.blocks)
        valediction_at = None
        for j in range(n - 1, first_body - 1, -1):
            if cues.valediction(self.texts[j].text):
                valediction_at = j
                break
            if self.is_prose(j) and j < n - 1:
                break
        if valediction_at is None:
            closer_nodes = self.trailing_signature(first_body)
            return len(self.blocks), closer_nodes
        closer: list[Node] = []
        ft = self.texts[valediction_at]
        match = cues.valediction(ft.text)
        lead = len(ft.text) - len(ft.text.lstrip())
        closer.append(leaf("salute", ft.raw_span(lead, lead + match.end())))
        rest = ft.text[lead + match.end() :].strip(" ;,\t")
        if rest.strip():
            at = lead + match.end() + (len(ft.text[lead + match.end() :]) - len(ft.text[lead + match.end() :].lstrip(" ;,\t\n")))
            self.signed(closer, ft, at, len(ft.text))
        after = valediction_at + 1
        # The signature: an OCR description of a signature, then a typed name.
        block_end = self.blocks[after - 1].end
        next_start = self.blocks[after].start if after < n else None
        for mark in self.layout.tiling.marks_in(block_end, next_start if next_start is not None else self.blocks[-1].end + 1):
            if mark.kind == "figure" and not any(node.tag == "signed" for node in closer):
                closer.append(Node("signed", mark.start, mark.end))
        for j in range(after, n):
            text = self.texts[j].text
            span = self.texts[j].raw_span(0, len(text))
            if cues.signature(text.split("\n")[0]) and not any(node.tag == "signed" and node.end > node.start and self.layout.text[node.start:node.end].strip() and self.layout.tiling.mark_at(node.start) is None for node in closer) and not _INSIDE_ADDRESS.match(text):
                self.signed(closer, self.texts[j], 0, len(text))
            elif _INSIDE_ADDRESS.match(text) or (j > after and len(text.split()) <= 12):
                lines = [leaf("addrLine", self.texts[j].raw_span(lo, hi)) for lo, hi in self.texts[j].lines()]
                self.anatomy.addressee_lines += [" ".join(self.texts[j].text[lo:hi].split()) for lo, hi in self.texts[j].lines()]
                closer.append(Node("address", children=lines))
            else:
                closer.append(leaf("signed" if not any(c.tag == "signed" for c in closer) else "dateline" if cues.dateline(text) else "signed", span))
        return valediction_at, [Node("closer", children=closer)]

    def signed(self, closer: list[Node], ft: FreeText, lo: int, hi: int) -> None:
        span = ft.raw_span(lo, hi)
        name = " ".join(ft.text[lo:hi].split()).strip(" .,;")
        closer.append(leaf("signed", span))
        if cues.signature(name):
            self.anatomy.signer = self.anatomy.signer or name
            self.anatomy.signer_span = self.anatomy.signer_span or span
            self.anatomy.annos.append(Anno(span[0], span[1], "persName", RULE))

    def trailing_signature(self, first_body: int) -> list[Node]:
        """A name that ends the last paragraph ('... peace with them. John F. Kennedy'), or a last block that is a name."""
        if len(self.blocks) <= first_body:
            return []
        j = len(self.blocks) - 1
        ft = self.texts[j]
        text = ft.text.rstrip()
        if (cues.signature(text) or _SURNAME_SIGNATURE.match(text)) and j > first_body:
            self.blocks.pop()
            self.texts.pop()
            closer: list[Node] = []
            self.signed(closer, ft, 0, len(text))
            return [Node("closer", children=closer)]
        ends = list(_SENTENCE_END.finditer(text))
        if not ends or j < first_body:
            return []
        tail_at = ends[-1].end()
        tail = text[tail_at:]
        if not cues.signature(tail) or len(tail.split()) < 2:
            return []
        closer = []
        self.signed(closer, ft, tail_at, len(text))
        self.blocks[j] = Block(self.blocks[j].start, ft.raw_end(ends[-1].start() + 1), self.blocks[j].first_line, self.blocks[j].last_line)
        self.texts[j] = FreeText(self.layout, self.blocks[j].start, self.blocks[j].end)
        return [Node("closer", children=closer)]

    # -- all -----------------------------------------------------------------------------

    def read(self) -> Anatomy:
        a = self.anatomy
        first_body = self.head()
        self.emit_fields()
        closer_at, closer = self.foot(first_body)
        for j in range(first_body, closer_at):
            a.nodes.append(leaf("p", (self.blocks[j].start, self.blocks[j].end)))
        a.nodes.extend(closer)
        a.nodes = _in_profile_order(a.nodes)
        return a

    def emit_fields(self) -> None:
        """Heading fields as lists (``list type head item``), in the order they stood."""
        a = self.anatomy
        lists: list[Node] = []
        participants: Node | None = None
        for f in a.fields:
            if f.kind == "distribution-item":
                if lists and lists[-1].attrs.get("type") == "distribution":
                    lists[-1].children.append(leaf("item", f.value))
                continue
            if f.kind == "distribution":
                children = [leaf("head", f.label)] + ([leaf("item", f.value)] if f.value[1] > f.value[0] else [])
                lists.append(Node("list", children=children, attrs={"type": "distribution"}))
                continue
            if f.kind in ("date", "time"):
                found = [d for d in find_dates(f.text) if d.precision in ("day", "time")]
                if found and a.date is None:
                    a.date = _date_with_time(found[0], f.text[found[0].end :])
                    rest = f.text[found[0].end :]
                    rest = _TIME.sub("", rest)
                    place = " ".join(rest.split()).strip(" ,")
                    if place and len(place.split()) <= 12:
                        a.place = place
                if f.value[1] <= f.value[0]:
                    lists.append(leaf("p", f.label))
                    continue
                lists.append(Node("list", children=[leaf("head", f.label), leaf("item", f.value)], attrs={"type": "date"}))
                continue
            if f.kind == "participants":
                if f.label[1] <= f.label[0]:
                    continue
                # One list for the group labels and the label ('US' / 'PARTICIPANTS:'), an item per line;
                # the people step reads who took part from it.
                # A group label after items ('USSR' under the US names) opens the next group's list.
                if participants is None or not lists or lists[-1] is not participants or any(c.tag == "item" for c in participants.children):
                    participants = Node("list", attrs={"type": "participants"})
                    lists.append(participants)
                participants.children.append(leaf("head", f.label))
                for lo, hi in _lines_of(self.layout, f.value):
                    participants.children.append(leaf("item", (lo, hi)))
                continue
            if f.kind == "place":
                a.place = " ".join(f.text.split())
            if f.value[1] <= f.value[0]:
                lists.append(leaf("p", f.label))  # a label with nothing typed under it
                continue
            kind, subtype = ("to", "info") if f.kind == "info" else (f.kind, None)
            attrs = {"type": kind, "subtype": subtype} if subtype else {"type": kind}
            lists.append(Node("list", children=[leaf("head", f.label), leaf("item", f.value)], attrs=attrs))
        a.nodes.extend(lists)


_DIV_TOP = ("head", "opener")
_DIV_BOTTOM = ("closer", "postscript")


def _in_profile_order(nodes: list[Node]) -> list[Node]:
    """Nodes in raw order, as the profile orders a div: heads and openers, body, closer.

    A heading part found after body text (a short line between paragraphs
    that looked like a title) is a paragraph there; body text after the
    closer goes into a postscript.
    """
    ordered = sorted(nodes, key=lambda n: n.first_offset())
    result: list[Node] = []
    seen_common = seen_bottom = False
    for node in ordered:
        if node.tag in _DIV_TOP and seen_common:
            result.extend(_as_paragraphs(node))
            continue
        if node.tag in _DIV_BOTTOM:
            seen_bottom = True
        elif node.tag not in _DIV_TOP:
            if seen_bottom:
                result.append(Node("postscript", children=[node]))
                continue
            seen_common = True
        result.append(node)
    return result


def _as_paragraphs(node: Node) -> list[Node]:
    if node.is_leaf:
        return [Node("p", node.start, node.end)]
    return [p for child in node.children for p in _as_paragraphs(child)]


def dissect(layout: Layout, blocks: list[Block]) -> Anatomy:
    """The anatomy of the document made of ``blocks``."""
    return _Reader(layout, blocks).read()
