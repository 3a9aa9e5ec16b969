"""Reading heading fields: 'SUBJECT:', 'COPIES TO:', telegram address lines, participant groups, as lists."""

from __future__ import annotations

import regex

from ..dates import find_dates
from ..document import Node
from . import cues
from .freetext import FreeText
from .parts import (
    TIME,
    Field,
    date_with_time,
    group_labels,
    leaf,
    lines_of,
)
from .vocabulary import vocabulary


class FieldReader:
    """Labelled fields of a memorandum or telegram heading, and the lists they become."""

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
        return (
            not self.is_prose(i) and len(text.split()) <= 10 and not cues.dateline(text) and not cues.salutation(text)
        )

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
                self.anatomy.fields.append(
                    Field(
                        kind,
                        ft.raw_span(lo + indent, address.end()),
                        ft.raw_span(address.end(), hi),
                        text[address.end() : hi],
                    )
                )
                continue
            if match is None and text[lo:hi].strip().upper() in group_labels():
                # 'US' / 'USSR' over a column of participants.
                self.anatomy.fields.append(Field("participants", ft.raw_span(lo, hi), ft.raw_span(hi, hi), ""))
                continue
            if match:
                kind = vocabulary().heading_fields[" ".join(match.group("label").split()).upper()]
                value_lo = match.end()
                self.anatomy.fields.append(
                    Field(kind, ft.raw_span(lo + indent, match.end()), ft.raw_span(value_lo, hi), text[value_lo:hi])
                )
            elif self.anatomy.fields:
                last = next(f for f in reversed(self.anatomy.fields) if f.kind != "distribution-item")
                span = ft.raw_span(lo, hi)
                if last.kind == "distribution":
                    # One name per line: each is an item of the list.
                    self.anatomy.fields.append(Field("distribution-item", span, span, text[lo:hi]))
                    continue
                last.value = span if last.value[1] <= last.value[0] else (last.value[0], span[1])
                last.text += "\n" + text[lo:hi]

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
                    a.date = date_with_time(found[0], f.text[found[0].end :])
                    rest = f.text[found[0].end :]
                    rest = TIME.sub("", rest)
                    place = " ".join(rest.split()).strip(" ,")
                    if place and len(place.split()) <= 12:
                        a.place = place
                if f.value[1] <= f.value[0]:
                    lists.append(leaf("p", f.label))
                    continue
                lists.append(
                    Node("list", children=[leaf("head", f.label), leaf("item", f.value)], attrs={"type": "date"})
                )
                continue
            if f.kind == "participants":
                if f.label[1] <= f.label[0]:
                    continue
                # One list for the group labels and the label ('US' / 'PARTICIPANTS:'), an item per line;
                # the people step reads who took part from it.
                # A group label after items ('USSR' under the US names) opens the next group's list.
                if (
                    participants is None
                    or not lists
                    or lists[-1] is not participants
                    or any(c.tag == "item" for c in participants.children)
                ):
                    participants = Node("list", attrs={"type": "participants"})
                    lists.append(participants)
                participants.children.append(leaf("head", f.label))
                for lo, hi in lines_of(self.layout, f.value):
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
