"""Dates as spans of days, to decide who held an office on a document's date.

A date is known to the day, the month or the year (``1961-06-03``,
``1962-03``, ``1958``); a document's date may also carry a time, which does
not matter here.  A partial date is the span of all the days it may mean.

A term of office runs from its first to its last day, both inclusive.  Where
the start or end is known only to the month or year, the term is *certain*
only for the days that lie inside it whatever day the start or end was, and
*possible* for the days it may cover.  An office is resolved to a holder
only where the holder is certain; a possible holder blocks the resolution.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

import regex

_ISO = regex.compile(r"(?P<y>[12]\d{3})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?:T[\d:.]+Z?)?")

_BEFORE_ALL = datetime.date.min.toordinal()
_AFTER_ALL = datetime.date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Period:
    """The days an ISO date may mean, as proleptic ordinals (first and last inclusive)."""

    first: int
    last: int


def period(iso: str) -> Period:
    """The span of days of an ISO date of any precision; ValueError if it is not one."""
    match = _ISO.fullmatch(iso.strip())
    if not match:
        raise ValueError(f"not an ISO date: {iso!r}")
    year = int(match["y"])
    if match["m"] is None:
        return Period(datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal())
    month = int(match["m"])
    if match["d"] is None:
        last_day = calendar.monthrange(year, month)[1]  # ValueError for month 13
        return Period(datetime.date(year, month, 1).toordinal(), datetime.date(year, month, last_day).toordinal())
    day = datetime.date(year, month, int(match["d"])).toordinal()
    return Period(day, day)


@dataclass(frozen=True, slots=True)
class Tenure:
    """A term of office: the days certainly in it and the days possibly in it."""

    certain_from: int
    certain_to: int
    possible_from: int
    possible_to: int

    def status(self, when: Period) -> str | None:
        """``certain`` if the term covers every day ``when`` may mean, ``possible`` if some, else None."""
        if self.certain_from <= when.first and when.last <= self.certain_to:
            return "certain"
        if self.possible_from <= when.last and when.first <= self.possible_to:
            return "possible"
        return None


def tenure(start: str | None, end: str | None) -> Tenure:
    """The term from ``start`` to ``end`` (ISO dates of any precision; None is open)."""
    first = period(start) if start else None
    last = period(end) if end else None
    return Tenure(
        certain_from=first.last if first else _BEFORE_ALL,
        certain_to=last.first if last else _AFTER_ALL,
        possible_from=first.first if first else _BEFORE_ALL,
        possible_to=last.last if last else _AFTER_ALL,
    )
