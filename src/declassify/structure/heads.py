"""Reading a document's head: edition heading, title, letterhead, dateline, salutation."""

from __future__ import annotations

import regex

from ..dates import DateValue, find_dates
from ..document import Node
from ..model import Anno, Block
from . import cues
from .freetext import FreeText
from .parts import (
    RULE,
    SALUTE_NAME,
    TIME,
    date_with_time,
    leaf,
)
from .vocabulary import vocabulary


class HeadReader:
    """The head of a document, block by block from the top, until the first paragraph of its body."""

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
            if (
                not a.nodes
                and not opener
                and cues.memo_heading(text)
                and not self.has_label_line(ft)
                and self.titled_heading(i)
            ):
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
                        a.date = date_with_time(a.date, remainder)
                        opener[-1] = leaf("dateline", ft.raw_span(text.index(first), len(text)))
                        rest_at = len(text)
                    elif text[line_end:].strip():
                        salute = cues.salutation(text[line_end:])
                        opener.append(
                            self.salute_node(
                                ft, salute, offset=line_end + len(text[line_end:]) - len(text[line_end:].lstrip())
                            )
                        )
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
        self.anatomy.title = " ".join(ft.text[:title_end].split())
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
        named = SALUTE_NAME.match(ft.text, start, end)
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

    def on_printed_form(self, span: tuple[int, int]) -> bool:
        """The block is written into a printed form's grid (a slip's addressee rows): entries, not a title."""
        return any(m.rule.startswith("form.") for m in self.layout.tiling.marks_in(span[0], span[1]) if m.width)

    def short_head_block(self, i: int, opener: list[Node]) -> bool:
        """Take a short block before the body as a heading part; False when it is the body's first paragraph."""
        a = self.anatomy
        ft = self.texts[i]
        text = " ".join(ft.text.split())
        span = ft.raw_span(0, len(ft.text))
        if cues.memo_heading(ft.text) or (
            not a.nodes
            and not opener
            and not a.fields
            and i + 1 < len(self.blocks)
            and text.upper() == text
            and len(text.split()) <= 6
        ):
            kind = "letterhead" if not cues.memo_heading(ft.text) and cues.signature(ft.text) else None
            if kind:
                a.letterhead = text
                a.nodes.append(leaf("head", span, type="letterhead"))
            else:
                a.title = a.title or text
                a.nodes.append(leaf("head", span))
            return True
        if a.date is not None and not a.place and TIME.search(ft.text) is None and len(text.split()) <= 12:
            a.place = text
            a.annos.append(Anno(span[0], span[1], "placeName", RULE))
            a.nodes.append(leaf("p", span))
            return True
        if a.date is not None and TIME.search(ft.text) and len(text.split()) <= 4:
            a.date = date_with_time(a.date, ft.text)
            a.nodes.append(leaf("p", span))
            return True
        if (
            not a.nodes
            and not opener
            and i + 1 < len(self.blocks)
            and len(text.split()) <= 20
            and not text.endswith(".")
            and not self.on_printed_form(span)
        ):
            a.title = a.title or text
            a.nodes.append(leaf("head", span))
            return True
        return False

    # -- the foot ------------------------------------------------------------------------
