"""Pathological input: near-misses built to make patterns backtrack, a hostile rule, files too large.

Nothing here is timed (speed is ``make bench``'s business): each case must
finish, lose nothing and give valid TEI; a pattern that would run away is
stopped by its timeout, and the stop is recorded.  The linear cost of these
inputs is measured by ``make bench BENCH_ARGS=--pathological``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from declassify.cli import main
from declassify.pipeline import encode_bytes
from declassify.settings import Settings
from declassify.stages.read import DEFAULT_MAX_SIZE
from declassify.validation import validate_bytes
from support.near_misses import UNITS, near_miss

NEAR_MISS_LENGTH = 100_000


def check(encoded) -> None:
    assert "".join(span["text"] for span in encoded.ledger["spans"]) == encoded.source.text
    for item in encoded.items:
        assert validate_bytes(item.xml, item.filename) == []


@pytest.mark.parametrize("name", sorted(UNITS))
def test_a_hundred_thousand_characters_of_near_misses(name):
    text = near_miss(name, NEAR_MISS_LENGTH)
    check(encode_bytes(text.encode(), "near.txt"))  # one line: where a pattern has most room to backtrack
    # and as many short lines, each a near-miss of a whole-line rule
    check(encode_bytes(text[:20_000].replace(" ", "\n").encode(), "near.txt"))


def test_a_runaway_rule_is_stopped_by_its_timeout_and_the_file_still_encodes(tmp_path):
    """A user's pack with a catastrophically backtracking pattern: the timeout stops it, the run goes on."""
    pack = tmp_path / "runaway.toml"
    pack.write_text(
        "pack = 'runaway'\ndescription = 'a pattern that backtracks exponentially on a near-miss'\n"
        "[[rules]]\nid = 'runaway.nested'\nkind = 'inline'\npattern = '(?:x|xx)+y'\n"
        "action = { element = 'drop' }\n"
        "justification = 'A hostile pattern, to show that every match is bounded.'\nexamples = ['xxxy']\n"
    )
    data = ("The clerk typed " + "x" * 40 + " and stopped.\n").encode()
    encoded = encode_bytes(data, "runaway.txt", Settings(rules=(str(pack),)))
    check(encoded)
    layout = encoded.analysed.layout
    assert int(layout.traits.get("timeouts", "0")) >= 1
    assert any("timed out" in change.note and change.rule == "runaway.nested" for change in layout.changes)
    assert "x" * 40 in "".join(s["text"] for s in encoded.ledger["spans"] if s["disposition"] == "text")


def test_fifty_megabytes_are_refused_by_default_with_a_clear_message(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    big = raw / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    (raw / "small.txt").write_text("Dear Sir:\n\nThe meeting is on Tuesday.\n")
    assert DEFAULT_MAX_SIZE < 50 * 1024 * 1024
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "declassify", "build", str(raw), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert "big.txt: too large (52,428,800 bytes; the limit is" in proc.stderr and "--max-size" in proc.stderr
    assert (out / "small-01.xml").is_file()


@pytest.mark.parametrize("value, expected", [("64M", 64 * 1024**2), ("512k", 512 * 1024), ("1000", 1000), ("1.5G", int(1.5 * 1024**3))])
def test_max_size_reads_units(value, expected):
    from declassify.cli import make_parser

    args = make_parser().parse_args(["build", "--max-size", value])
    assert args.max_size == expected


def test_a_bad_max_size_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["build", "--max-size", "lots"])
    assert stop.value.code == 2
    assert "not a size: 'lots'" in capsys.readouterr().err
