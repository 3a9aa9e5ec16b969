"""Stages segment and analyse, alone."""

from __future__ import annotations

from helpers import layout_after


def test_items_tile_the_file():
    segmented = layout_after("Dear Sir:\n\nText.\n\nSincerely,\n", "segment")
    items = segmented.items
    assert items[0].start == 0 and items[-1].end == len(segmented.layout.text)
    for a, b in zip(items, items[1:]):
        assert a.end == b.start


def test_analyse_types_and_dates_a_letter():
    analysed = layout_after("December 7, 1960\n\nDear Allen:\n\nI would like to talk.\n", "analyse")
    (item,) = analysed.items
    assert item.doctype == "letter"
    assert item.date.when == "1960-12-07"
    assert item.item_id == "t-01"


def test_analyse_takes_classification_from_banners():
    analysed = layout_after("CONFIDENTIAL\n\nText here.\n\nCONFIDENTIAL\n", "analyse")
    marking = analysed.items[0].classification
    assert (marking.label, marking.struck) == ("CONFIDENTIAL", False)
