"""Late headings open sections: keep a document's div in TEI's order (top, body, bottom).

TEI lets a ``head`` or ``opener`` stand only at the top of a ``div``, and
nothing but closing matter after a ``closer`` or ``postscript``.  OCR'd
records break that order all the time: a routing slip whose lower half is
a "CLASSIFICATION REVIEW" box, a letter quoted after its covering note, a
second dated entry in a log.  Analysis marks such a heading where it
stands; this pass then opens a ``div type="section"`` at each late heading
and moves what follows into it, so the text keeps its order and its
headings, and the file stays valid.  A section's own closing matter stays
in the section.  When the matter before the first section ends with closing
matter of its own, that matter goes into a section too (TEI puts sections
before the closing matter of their div, never after it).

Only the order of elements changes: every character stays where the body
writer put it, so the reading text and the ledger are unaffected.
"""

from __future__ import annotations

from lxml import etree

from .tei import TEI_NS

TOP = frozenset({"head", "opener"})
BOTTOM = frozenset({"closer", "postscript"})
# Elements that may stand anywhere (model.global in TEI): they never decide the order.
GLOBAL = frozenset({"pb", "lb", "fw", "milestone", "note", "gap", "figure", "anchor"})
SECTION = "section"


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _late_tops(children: list[etree._Element]) -> list[int]:
    """Indexes of top elements that come after body or closing matter."""
    late: list[int] = []
    seen_body = False
    for index, child in enumerate(children):
        name = _name(child)
        if name in GLOBAL:
            continue
        if name in TOP:
            if seen_body:
                late.append(index)
                seen_body = False  # the top run of the new section: 'head, opener' stay together
        else:
            seen_body = True
    return late


def nest_late_sections(div: etree._Element) -> int:
    """Open a section at each late heading of ``div``; return how many were opened."""
    children = list(div)
    late = _late_tops(children)
    if not late:
        return 0
    first = late[0]
    lead = children[:first]
    # The top matter stays at the top; body matter before the first section is
    # wrapped too if it ends with closing matter (a section may not follow it).
    top_end = 0
    while top_end < len(lead) and (_name(lead[top_end]) in TOP or _name(lead[top_end]) in GLOBAL):
        top_end += 1
    bounds = list(late)
    if any(_name(child) in BOTTOM for child in lead[top_end:]):
        bounds.insert(0, top_end)
    opened = 0
    for start, end in zip(bounds, [*bounds[1:], len(children)]):
        section = etree.Element(f"{{{TEI_NS}}}div", type=SECTION)
        children[start].addprevious(section)  # where the first moved element stood
        for child in children[start:end]:
            section.append(child)  # moves it, with its tail
        opened += 1
    return opened


def body_before_closing(div: etree._Element) -> bool:
    """Give closing matter with no body before it an empty paragraph to follow; True if it did.

    A file of one valediction ('Sincerely yours,') or a signature block
    alone is a closer with nothing to close, which TEI does not allow.  The
    empty ``p`` says "no body text here" without inventing any, and keeps
    the closer a closer.
    """
    for child in div:
        name = _name(child)
        if name in GLOBAL or name in TOP:
            continue
        if name in BOTTOM:
            child.addprevious(etree.Element(f"{{{TEI_NS}}}p"))
            return True
        return False
    return False
