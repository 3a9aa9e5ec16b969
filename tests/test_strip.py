"""Stage strip, alone: what each transform claims, and what it leaves as text."""

from __future__ import annotations

import pytest

from conftest import RAW_FILES
from helpers import claimed, free_text, layout_after

# (input, claims as (text, rule), text left over)
CASES = [
    (
        "STAT\n\nThe report follows.\n",
        [("STAT", "crest.stat-marker")],
        "The report follows.",
    ),
    (
        "The Station 25X1 reported the move.\n",
        [("25X1", "redaction.25x")],
        "The Station reported the move.",
    ),
    (
        "Text.\n\nApproved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n",
        [("Approved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6", "crest.release-stamp")],
        "Text.",
    ),
    (
        "~~SECRET~~\n\nThe text.\n\n~~SECRET~~\n",
        [("~~SECRET~~", "banner.classification"), ("~~SECRET~~", "banner.classification")],
        "The text.",
    ),
    (
        "He said **no** and *maybe* and <del>perhaps</del>.\n",
        [
            ("**", "markup.markdown-bold"),
            ("**", "markup.markdown-bold"),
            ("<del>", "markup.html-del"),
            ("</del>", "markup.html-del"),
            ("*", "markup.markdown-italic"),
            ("*", "markup.markdown-italic"),
        ],
        "He said no and maybe and perhaps.",
    ),
    (
        "He was the Secretary of State.\n",
        [],
        "He was the Secretary of State.",
    ),
    # What an inline stamp leaves of a line is furniture if a line rule says so.
    (
        "Text.\n\n-----Approved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n",
        [
            ("-----", "wrapper.thematic-break"),
            ("Approved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6", "crest.release-stamp-inline"),
        ],
        "Text.",
    ),
    # ... and so is what a dropped control character leaves.
    (
        "Text here.\n:\x08\n",
        [(":", "ocr.speck-line"), ("\x08", "normalise.control-character")],
        "Text here.",
    ),
    (
        "Text.\n\n\x08~^| {} <>\n",
        [("\x08", "normalise.control-character"), ("~^| {} <>", "ocr.garbage-line")],
        "Text.",
    ),
    # A control character inside a footer: the pieces, joined as a reader reads them, are the footer.
    (
        "Text.\n\n0\x08HW 54321 Docld:3210 Page 12\n",
        [
            ("0", "jfk.docid-footer"),
            ("\x08", "normalise.control-character"),
            ("HW 54321 Docld:3210 Page 12", "jfk.docid-footer"),
        ],
        "Text.",
    ),
    (
        "Text.\n\n0\x08SECRET\n",
        [("0", "banner.classification"), ("\x08", "normalise.control-character"), ("SECRET", "banner.classification")],
        "Text.",
    ),
    # What a cut stamp leaves on both its sides is judged as one line.
    (
        "Text.\n\n\x08\U000100fbApproved For Re1ease 2oo3/o4/18 : CIA-RDP80BO1676R0009OOO1OOO1-2\n",
        [
            ("\x08", "normalise.control-character"),
            ("\U000100fb", "ocr.garbage-line"),
            ("Approved For Re1ease", "crest.release-stamp-inline"),
            ("2oo3/o4/18 : CIA-RDP80BO1676R0009OOO1OOO1-2", "ocr.garbage-line"),
        ],
        "Text.",
    ),
]


@pytest.mark.parametrize("text, claims, left", CASES)
def test_strip(text, claims, left):
    layout = layout_after(text, "strip")
    assert sorted((t, r) for t, r, _ in claimed(layout)) == sorted(claims)
    assert free_text(layout) == left


def test_strip_harvests_release_stamp():
    layout = layout_after("Approved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n", "strip")
    facts = {(f.name, f.value): dict(f.attrs) for f in layout.facts}
    assert facts[("release", "Approved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6")]["when"] == "2004-01-15"
    assert facts[("idno", "CIA-RDP80B01676R000400010001-6")]["type"] == "CIA-RDP"


def test_strip_harvests_banner_classification():
    layout = layout_after("~~TOP SECRET~~\n\nText.\n", "strip")
    (fact,) = [f for f in layout.facts if f.name == "classification"]
    assert fact.value == "TOP SECRET" and fact.attr("struck") == "true"


def test_strip_is_pure():
    before = layout_after("STAT\n\nText.\n", "normalise")
    from declassify.stages.strip import strip

    after = strip(before)
    assert len(before.tiling) == 0 and len(after.tiling) == 1


def test_emphasis_becomes_annotation():
    layout = layout_after("**Minutes of the\nconversation**\n", "strip")
    (anno,) = layout.annos
    assert (anno.tag, dict(anno.attrs)) == ("hi", {"rend": "bold"})
    assert layout.text[anno.start : anno.end] == "Minutes of the\nconversation"


def test_pattern_timeouts_skip_the_rule_and_are_recorded(monkeypatch):
    """A match that runs out of time skips the rule for that line; the run goes on and says so."""
    from declassify.noise import engine

    monkeypatch.setattr(engine, "MATCH_TIMEOUT", 1e-9)
    text = "Approved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n" * 50
    layout = layout_after(text, "strip")
    timeouts = [c for c in layout.changes if "timed out" in c.note]
    assert timeouts, "the timeout path was not exercised"
    assert int(layout.traits["timeouts"]) == len(timeouts)


FLATTENED_NOISE = ["~~", "DECLASSIFIED", "REPRODUCTION FROM"]


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: p.stem)
def test_flattened_file_loses_its_banners_too(path):
    """A text export that lost every line break still sheds struck banners and stamps,
    and still yields the classification the line-broken file yields."""
    text = path.read_text(encoding="utf-8")
    flat = layout_after(" ".join(text.split()), "strip")
    whole = layout_after(text, "strip")
    left = free_text(flat)
    for noise in FLATTENED_NOISE:
        if noise in free_text(whole):
            continue  # kept as text in the line-broken file as well
        assert noise not in left, noise
    levels = lambda layout: {f.value for f in layout.facts if f.name == "classification"}
    assert levels(whole) <= levels(flat)


_PAGE = (
    "The committee reviewed the program from its inception in November through March, "
    "noting that the chief of operations was to report through the special group, which "
    "would be responsible for policy guidance, for approving important operations and for "
    "monitoring progress, while the intelligence plan set out how basic collection inside "
    "the country would proceed before any decision on further action was taken by anyone.\n"
)


@pytest.mark.parametrize(
    "second, dropped",
    [
        (_PAGE, True),  # the same sheet again
        (_PAGE.replace("inception", "incepti0n").replace("policy", "po1icy"), True),  # re-OCR'd with errors
        (_PAGE[: len(_PAGE) // 3] + "\n", False),  # too short to call a copy
        ("A different page about the budget of the station, " * 12 + "\n", False),
    ],
)
def test_duplicate_page_is_dropped(second, dropped):
    layout = layout_after(_PAGE + "\f" + second, "strip")
    rules = {rule for _, rule, _ in claimed(layout)}
    assert ("wrapper.duplicate-page" in rules) == dropped
    expected = _PAGE if dropped else _PAGE + second
    assert free_text(layout).split() == expected.split()


def test_a_colophon_inside_a_bundle_does_not_run_the_rule_into_its_timeout():
    """The holdings colophon of one document, followed by another long document."""
    colophon = (
        "NATIONAL\nSECURITY ARCHIVE\n\nThis document is from the holdings of:\n\n"
        "The National Security Archive\nSuite 701, Gelman Library\n\n"
    )
    following = "".join(f"Paragraph {i} of the next document, {'with many words ' * 8}and more.\n" for i in range(400))
    layout = layout_after("A first document.\n\n" + colophon + following, "strip")
    assert "timeouts" not in layout.traits


def test_block_rules_get_time_in_proportion_to_the_file():
    """A fixed budget would time every block rule out, silently, on a file large enough."""
    from declassify.noise import engine

    assert engine.block_timeout(1000) == engine.block_timeout(1_000_000) == 4 * engine.MATCH_TIMEOUT
    assert engine.block_timeout(10_000_000) == 10 * engine.block_timeout(1_000_000)


def test_facts_of_a_line_read_in_pieces_point_at_their_raw_text():
    """A footer split by a control character: its harvested numbers still point at where they stand."""
    layout = layout_after("Text.\n\n0\x08HW 54321 Docld:3210 Page 12\n", "strip")
    facts = [f for f in layout.facts if f.rule == "jfk.docid-footer"]
    assert sorted(f.value for f in facts) == ["3210", "54321"]
    for fact in facts:
        assert layout.text[fact.start : fact.end] == fact.value
