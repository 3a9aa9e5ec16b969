"""Dates as documents and stamps write them, to ISO values; never an invented one."""

from __future__ import annotations

import pytest

from declassify.dates import find_dates, parse_date


@pytest.mark.parametrize(
    "text, when",
    [
        ("December 7, 1960", "1960-12-07"),
        ("Dec. 7, 1960", "1960-12-07"),
        ("12 Dec 60", "1960-12-12"),
        ("3 December 1968", "1968-12-03"),
        ("26 NOV 1968", "1968-11-26"),
        ("Feb. 12 94", "1994-02-12"),
        ("5/5/61", "1961-05-05"),
        ("11/17/2021", "2021-11-17"),
        ("03-18-2025", "2025-03-18"),
        ("1961-06-03", "1961-06-03"),
        ("2002/08/21", "2002-08-21"),
        ("28/10/98", "1998-10-28"),
        ("June 3, 1961 12:45 P.M.", "1961-06-03T12:45:00"),
        ("June 3, 1961 9:05 a.m.", "1961-06-03T09:05:00"),
        ("MAY 3, 1962.", "1962-05-03"),
        ("August 1961", "1961-08"),
        ("9/90", "1990-09"),
    ],
)
def test_parse_date(text, when):
    date = parse_date(text)
    assert date is not None and date.when == when


@pytest.mark.parametrize("text", ["Feb 30, 1961", "13/13/61", "they may 1970", "page 12", "1961", "", "Room 2583"])
def test_no_date_is_invented(text):
    assert parse_date(text) is None


def test_find_dates_with_offsets():
    text = "Washington, February 22, 1961. DEAR MR. CHAIRMAN:"
    (date,) = find_dates(text)
    assert date.when == "1961-02-22"
    assert text[date.start : date.end] == "February 22, 1961"


def test_month_year_numeric_only_on_request():
    assert find_dates("ratio 3/4 of the vote") == []
    assert [d.when for d in find_dates("Date 9/90", month_year_numeric=True)] == ["1990-09"]


@pytest.mark.parametrize(
    "text, when",
    [
        ("14 Deceaber 1958", "1958-12-14"),  # one OCR error in a full month name, between a day and a year
        ("Novenber 18, 1962", "1962-11-18"),
        ("9 Noveuber 1964", "1964-11-09"),
        ("12 Hours 1963", None),  # a word, not a month
        ("7 Jure 1964", None),  # too short to tell June from July
        ("Decenber 1963", None),  # no day: a month-year needs the month as spelled
    ],
)
def test_garbled_month_names(text, when):
    found = find_dates(text)
    assert (found[0].when if found else None) == when
