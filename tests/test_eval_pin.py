"""The labelled development sets may not silently get worse.

``make eval`` measures; this test pins the figures of the last measured
run (``tests/data/eval_pin.json``) so that a change that lowers one of them
fails here and has to say why (by lowering the pin in the same commit).
The targets of the quality work are not tests: only the pins are.

The sets live outside the repository (``../shared/eval`` beside the
checkout, or ``EVAL_DIR``); where they are not, the test skips.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIN = ROOT / "tests" / "data" / "eval_pin.json"
# Figures are shares of a few dozen (dev) or a few hundred (nara) cases: one case
# is 0.01 to 0.02 of a share. The pins allow no loss beyond rounding.
SLACK = 0.0005


def _tool():
    spec = importlib.util.spec_from_file_location("declassify_eval", ROOT / "tools" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    pytest.importorskip("rapidfuzz", reason="the scorers need rapidfuzz (pip install -e '.[eval]')")
    tool = _tool()
    base = tool.eval_dir()
    if not (base / "score.py").exists():
        pytest.skip(f"no labelled set at {base} (set EVAL_DIR)")
    out = tmp_path_factory.mktemp("eval")
    results = {}
    tool.build(base / "raw", out / "dev", jobs=None)
    dev = tool.score([sys.executable, str(base / "score.py"), str(base), str(out / "dev")])
    results["dev"] = tool.figures(dev.rstrip("\n").split("\n")[-1])
    tool.build(base / "nara" / "raw", out / "nara", jobs=None)
    nara = tool.score([sys.executable, str(base / "nara" / "score.py"), str(out / "nara"), str(base / "nara" / "gold")])
    results["nara"] = tool.figures(nara.rstrip("\n").split("\n")[-1])
    return results


LOWER_IS_BETTER = {"cer", "noise left", "text lost", "subst"}


def _cases():
    pins = json.loads(PIN.read_text(encoding="utf-8"))
    return [(set_name, name, value) for set_name, figures in sorted(pins.items()) for name, value in sorted(figures.items())]


@pytest.mark.slow
@pytest.mark.parametrize("set_name,name,pinned", _cases())
def test_figure_holds(measured, set_name, name, pinned):
    value = measured[set_name][name]
    if name in LOWER_IS_BETTER:
        assert value <= pinned + SLACK, f"{set_name} {name} rose from {pinned} to {value}"
    else:
        assert value >= pinned - SLACK, f"{set_name} {name} fell from {pinned} to {value}"


def test_pins_name_figures_the_scorers_print():
    tool = _tool()
    line = "CER 0.1864 (noise left 0.1504, text lost 0.0215, subst 0.0144); docs 0.762; type 0.439"
    assert tool.figures(line) == {"cer": 0.1864, "noise left": 0.1504, "text lost": 0.0215, "subst": 0.0144, "docs": 0.762, "type": 0.439}
    assert tool.figures("nara date 0.268; month 0.328") == {"nara date": 0.268, "month": 0.328}
    pins = json.loads(PIN.read_text(encoding="utf-8"))
    assert set(pins) == {"dev", "nara"} and all(pins.values())
