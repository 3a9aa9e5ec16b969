"""Reading dates as typists and stamps write them, into ISO 8601 values for ``@when``.

Dates are parsed by the small grammar below, not by a general-purpose parser:
``dateutil.parser`` was considered and rejected because it fills missing
fields from today's date (an invented date is worse than none) and accepts
almost any digit run.  The standard library's :mod:`datetime` checks that a
date exists.  Month spellings and the two-digit-year pivot are data
(``data/dates.json``).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache

import regex

from .resources import data_path


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date found in text: ISO ``when``, its precision, and where it stood."""

    when: str
    precision: str  # year | month | day | time
    start: int
    end: int
    text: str


@cache
def _vocab() -> dict:
    return json.loads(data_path("dates.json").read_text(encoding="utf-8"))


@cache
def month_numbers() -> dict[str, int]:
    vocab = _vocab()
    months = dict(vocab["months"])
    months.update({k: v for k, v in vocab["ocr_months"].items() if k != "about"})
    return months


def _month_alternation() -> str:
    names = sorted(month_numbers(), key=len, reverse=True)
    return "|".join(regex.escape(n) for n in names)


@cache
def _patterns() -> dict[str, "regex.Pattern | re.Pattern"]:
    """Each kind's pattern; the STANDARD_KINDS in the standard library's engine, the rest in regex."""
    return {kind: re.compile(p.pattern) if kind in STANDARD_KINDS else p for kind, p in _regex_patterns().items()}


def _regex_patterns() -> dict[str, regex.Pattern]:
    month = rf"(?P<mon>(?i:{_month_alternation()}))\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>1[89]\d\d|20\d\d|'?\d\d)(?!\d)"
    time = (
        r"(?:,?\s+(?:at\s+)?(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
        r"(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\b\.?))?)?"
    )
    left = r"(?<![\w/.-])"
    return {
        # December 7, 1960 / Feb. 12 94 / June 3, 1961 12:45 P.M.
        "mdy": regex.compile(rf"{left}{month}\s*{day},?\s+{year}{time}"),
        # 12 Dec 60 / 3 December 1968 / 26 NOV 1968
        "dmy": regex.compile(rf"{left}{day}\s+{month},?\s*{year}{time}"),
        # August 1961 / Mar. 1970
        "my": regex.compile(rf"{left}{month},?\s+(?P<year>1[89]\d\d|20\d\d)(?!\d)"),
        # 2002/08/21 / 1961-06-03
        "ymd": regex.compile(r"(?<![\w/.-])(?P<year>1[89]\d\d|20\d\d)([/.-])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?![\w/])"),
        # 5/5/61 / 11/17/2021 / 03-18-2025 (US order; day first only when the first field exceeds 12)
        "mdy_numeric": regex.compile(
            r"(?<![\w/.-])(?P<m>[0-3]?\d)([/.-])(?P<d>[0-3]?\d)\2(?P<year>1[89]\d\d|20\d\d|\d\d)(?![\w/]|\.\d)"
        ),
        # 9/90 (month/year, only where a stamp's date field is expected)
        "my_numeric": regex.compile(r"(?<![\w/.-])(?P<m>[01]?\d)/(?P<year>1[89]\d\d|20\d\d|\d\d)(?![\w/])"),
        # 14 Deceaber 1958 / Novenber 18, 1962: a month name OCR misread, between a day and a four-digit year
        "dmy_garbled": regex.compile(r"(?<![\w/.-])(?P<day>[0-3]?\d)\s+(?P<mon>[A-Z][A-Za-z]{4,8})\.?,?\s+(?P<year>1[89]\d\d)(?!\d)"),
        "mdy_garbled": regex.compile(r"(?<![\w/.-])(?P<mon>[A-Z][A-Za-z]{4,8})\.?\s+(?P<day>[0-3]?\d),?\s+(?P<year>1[89]\d\d)(?!\d)"),
    }


def _year(text: str) -> int:
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    pivot = _vocab()["two_digit_year_pivot"]
    value = int(digits)
    return 2000 + value if value < pivot else 1900 + value


def _month(word: str) -> int | None:
    return month_numbers().get(word.lower().rstrip("."))


GARBLED_MONTH_MIN = 5  # letters of a full month name that one OCR error may touch ('Deceaber'); shorter ones are other words


def _edits_within_one(a: str, b: str) -> bool:
    """Levenshtein distance of a and b at most 1."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _garbled_month(word: str) -> int | None:
    """The month a misread full month name is one error away from, if exactly one is ('Deceaber' -> 12).

    A real month name is left to the exact patterns; a word one error from two months is declined."""
    word = word.lower()
    if word in month_numbers():
        return None
    names = [n for n in _vocab()["months"] if len(n) >= GARBLED_MONTH_MIN]
    near = {_vocab()["months"][n] for n in names if _edits_within_one(word, n)}
    return near.pop() if len(near) == 1 else None


def _valid(year: int, month: int, day: int | None = None) -> bool:
    if not 1 <= month <= 12 or not 1800 <= year <= 2100:
        return False
    if day is None:
        return True
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _with_time(date_iso: str, match: regex.Match) -> tuple[str, str]:
    hour = match.groupdict().get("hour")
    if hour is None:
        return date_iso, "day"
    h, m = int(hour), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23:
        return date_iso, "day"
    return f"{date_iso}T{h:02d}:{m:02d}:00", "time"


def _from_match(kind: str, match: regex.Match) -> tuple[str, str] | None:
    if kind in ("mdy", "dmy"):
        month = _month(match.group("mon"))
        day, year = int(match.group("day")), _year(match.group("year"))
        if month is None or not _valid(year, month, day):
            return None
        return _with_time(f"{year:04d}-{month:02d}-{day:02d}", match)
    if kind in ("dmy_garbled", "mdy_garbled"):
        month = _garbled_month(match.group("mon"))
        day, year = int(match.group("day")), int(match.group("year"))
        if month is None or not _valid(year, month, day):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if kind == "my":
        month = _month(match.group("mon"))
        year = int(match.group("year"))
        if month is None or not _valid(year, month):
            return None
        return f"{year:04d}-{month:02d}", "month"
    if kind == "ymd":
        year, month, day = int(match.group("year")), int(match.group("m")), int(match.group("d"))
        if not _valid(year, month, day):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if kind == "mdy_numeric":
        first, second, year = int(match.group("m")), int(match.group("d")), _year(match.group("year"))
        month, day = (first, second) if first <= 12 else (second, first)
        if not _valid(year, month, day):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if kind == "my_numeric":
        month, year = int(match.group("m")), _year(match.group("year"))
        if not _valid(year, month):
            return None
        return f"{year:04d}-{month:02d}", "month"
    return None


GARBLED_KINDS = ("dmy_garbled", "mdy_garbled")
# Kinds whose pattern opens with a day or a number: the standard library's engine finds them two to
# three times faster (same matches on 439 bench heads), so _patterns compiles them there.  The
# month-first kinds are faster in the regex module.  None of these patterns can backtrack far.
STANDARD_KINDS = frozenset({"dmy", "mdy_numeric", "dmy_garbled"})
NUMERIC_KINDS = ("ymd", "mdy_numeric", "my_numeric")
# The standard library's engine: plain tests over a window, several times faster than the patterns.
_ANY_DIGIT = re.compile(r"\d")
_NUMERIC_HINT = re.compile(r"\d[/.-]\d")
TEXT_KINDS = ("mdy", "dmy", "ymd", "mdy_numeric", "my") + GARBLED_KINDS


def find_dates(text: str, pos: int = 0, endpos: int | None = None, *, month_year_numeric: bool = False) -> list[DateValue]:
    """Every date in text[pos:endpos], earliest first; overlapping readings keep the longest."""
    endpos = len(text) if endpos is None else endpos
    kinds = TEXT_KINDS + (("my_numeric",) if month_year_numeric else ())
    found: list[DateValue] = []
    window = text[pos:endpos]
    if not _ANY_DIGIT.search(window):
        return found  # every kind of date has a digit: most lines and many blocks have none
    numeric = _NUMERIC_HINT.search(window) is not None
    for kind in kinds:
        if kind in NUMERIC_KINDS and not numeric:
            continue  # '5/5/61', '1961-06-03': no digit beside a separator, no numeric date
        pattern = _patterns()[kind]
        matches = pattern.finditer(text, pos, endpos) if kind in STANDARD_KINDS else pattern.finditer(text, pos, endpos, timeout=1.0)
        for match in matches:
            if kind in ("mdy", "dmy", "my") and not match.group("mon")[0].isupper():
                continue  # "may 1970" in running text is a verb more often than a month
            parsed = _from_match(kind, match)
            if parsed:
                when, precision = parsed
                found.append(DateValue(when, precision, match.start(), match.end(), match.group()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    result: list[DateValue] = []
    for date in found:
        if result and date.start < result[-1].end:
            continue
        result.append(date)
    return result


def earliest_document_year() -> int:
    """The earliest year a document of the collections is dated (data/dates.json)."""
    return int(_vocab()["earliest_document_year"])


def parse_date(text: str, *, month_year_numeric: bool = True) -> DateValue | None:
    """The date that ``text`` is, allowing only punctuation and white space around it."""
    stripped = text.strip(" \t\n.,;:()[]")
    if not stripped:
        return None
    dates = find_dates(stripped, month_year_numeric=month_year_numeric)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped):
        return dates[0]
    return None
