"""The command line: help, exit codes, the three commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import RAW_FILES, ROOT
from declassify.cli import main


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "declassify", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", ["build", "validate", "clean"])
def test_help_reads_well(command):
    proc = run_cli(command, "--help")
    assert proc.returncode == 0
    assert "usage: declassify" in proc.stdout


def test_usage_error_is_exit_2():
    assert run_cli("frobnicate").returncode == 2


def test_build_then_validate(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(RAW_FILES[0]), "--out", str(out), "--quiet"]) == 0
    assert main(["validate", str(out), "--quiet"]) == 0


def test_validate_reports_invalid_file(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>')
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.xml: line" in err


def test_validate_refuses_entities(tmp_path, capsys):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><TEI>&b;</TEI>')
    assert main(["validate", str(bomb)]) == 1
    assert "DTD" in capsys.readouterr().err


def test_clean_prints_reading_text_and_explains(capsys):
    assert main(["clean", str(RAW_FILES[1]), "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== 001_")
    assert "== removals and repairs ==" in out
    assert "banner.classification" in out


def test_missing_input_is_an_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_broken_rule_pack_stops_before_writing(tmp_path, capsys):
    pack = tmp_path / "broken.toml"
    pack.write_text("pack = 'broken'\n")
    out = tmp_path / "o"
    assert main(["build", str(RAW_FILES[0]), "--out", str(out), "--rules", str(pack)]) == 1
    assert "invalid rule pack" in capsys.readouterr().err
    assert not out.exists()


def test_clean_into_a_closed_pipe_is_quiet(tmp_path):
    """`declassify clean FILE | head -c 1`: the reader leaves early; no traceback."""
    import subprocess
    import sys

    big = tmp_path / "big.txt"  # far more output than a pipe buffers, so the write must fail
    big.write_text("The committee met and heard the report of the station chief.\n\n" * 8000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "declassify", "clean", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(1)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr
