"""Classification banners: a line that is only a security marking.

Banners repeat at the top and bottom of every page; they are forme work
(``fw type="banner"``), and each one is harvested as a ``classification``
fact (level, whether it was struck through, any handling caveat) for the
header of the document it stands in.
"""

from __future__ import annotations

from ..classification import read_marking
from ..model import Fact, Layout
from ..tiling import Disposition, Mark, make_attrs

STAGE = "strip"
RULE = "banner.classification"


def claim_banners(layout: Layout) -> None:
    text = layout.text
    for line in layout.lines:
        content = text[line.start : line.end]
        stripped = content.strip()
        if not stripped or len(stripped) > 80:
            continue
        start = line.start + (len(content) - len(content.lstrip()))
        end = start + len(stripped)
        if not layout.tiling.is_free(start, end):
            continue
        marking = read_marking(stripped)
        if marking is None:
            continue
        mark = Mark(start, end, Disposition.FORME, RULE, "fw", make_attrs(type="banner"))
        if layout.claim(mark, STAGE, f"banner {marking.level.label}"):
            attrs = make_attrs(
                level=marking.level.id,
                struck="true" if marking.struck else "false",
                caveat=marking.caveat,
            )
            layout.facts.append(Fact("classification", marking.level.label, start, end, RULE, "item", attrs))
