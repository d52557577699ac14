"""Prose that matches its outputs: a measured figure quoted in a chapter's markdown must be printed
by a cell of the same chapter (or come from one, e.g. `IPython.display.Markdown` with an f-string, which is an
output, not prose).

A *measured figure* is a number with a unit of measurement: dB, MiB/MB/GB, s/ms/min/hours, ×, %
or steps/s. Paper constants, standards and design choices are not measurements;
they stay on the allow-list below, each with why."""
import json, re
from pathlib import Path

import pytest

NBS = Path(__file__).resolve().parents[1] / "nbs"
UNITS = r"dB|MiB|MB|GiB|GB|kB|steps/s|ms|s|min|minutes|seconds|hours|h|×|%"
FIGURE = re.compile(r"(?<![\w.,$^{\\])([−-]?\d+(?:[.,]\d+)*)\s?(" + UNITS + r")(?![\w/])")

# Figures that are constants, not measurements: the paper's values (Schneider et al. 2023), standards, and the
# design choices a chapter states before it builds them. Keys are the figure as written, number and unit.
ALLOWED = {
    "2,500 hours": "the paper's training set", "2,500 h": "the paper's training set",
    "5.5 s": "2^18 samples at 48 kHz, the paper's autoencoder crop", "5.46 s": "2^18 samples at 48 kHz",
    "64×": "the paper's compression", "1024×": "the paper's latent hop", "768 ×": "T5-base's width",
    "400 ms": "ITU-R BS.1770's block", "4 dB": "ITU-R BS.1770's K-weighting shelf",
    "75 %": "ITU-R BS.1770's overlap",
    "5.3 ms": "256 samples at 48 kHz (the paper's hop)",
    "21 ms": "1023 samples at 48 kHz (the paper's window)",
    "10.7 ms": "512 samples at 48 kHz (the probe's hop)", "3×": "AdamW's gradient plus two moments",
    "148 MB": "the size of FluidR3_GM.sf2, a file of the Debian package",
    "0.1 s": "a note length the notes-that-move window keeps (a design choice)",
    "1.5 s": "the longest beat period notes-that-move looks for (40 BPM)",
    "0.68 s": "the tiny preset's 32-frame crop (32 × 1024 / 48000)",
    "0.7 s": "the tiny preset's 32-frame crop",
    "60 s": "the length the GPU check samples (a setting)",
}


def _outputs(nb: dict) -> str:
    "Everything the code cells of a notebook print or display, as one text (minus signs normalised)."
    parts = []
    for c in nb["cells"]:
        for o in c.get("outputs", []) if c["cell_type"] == "code" else []:
            if "text" in o: parts.append("".join(o["text"]))
            for k, v in o.get("data", {}).items():
                if k.startswith("text/"): parts.append("".join(v) if isinstance(v, list) else v)
    return "\n".join(parts).replace("−", "-")


def unprinted_figures(nb: dict) -> list:
    "(cell index, figure) for each measured figure in the markdown that no output of the notebook prints."
    out, found = _outputs(nb), []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "markdown": continue
        for m in FIGURE.finditer("".join(c["source"])):
            fig, num = m.group(0), m.group(1).replace("−", "-")
            if fig in ALLOWED: continue
            if not re.search(r"(?<![\d.])" + re.escape(num) + r"(?![\d])", out): found.append((i, fig))
    return found


def _nb(markdown: str, printed: str) -> dict:
    return {"cells": [{"cell_type": "code", "source": ["print(x)"],
                       "outputs": [{"output_type": "stream", "text": [printed]}]},
                      {"cell_type": "markdown", "source": [markdown]}]}


def test_the_check_catches_a_figure_that_no_cell_prints():
    assert unprinted_figures(_nb("a loaded pipeline holds 926 MiB", "peak 881 MiB")) == [(1, "926 MiB")]
    assert unprinted_figures(_nb("the floor is −44.0 dB", "level: -inf dB")) == [(1, "−44.0 dB")]
    assert unprinted_figures(_nb("it takes 2.35 s and 21.1 s", "60 s: 2.35 s, 600 s: 21.1 s")) == []
    assert unprinted_figures(_nb("0.926 s is not 926 s", "took 0.926 s")) == [(1, "926 s")]
    assert unprinted_figures(_nb("the paper trains on ~2,500 hours", "")) == []


@pytest.mark.parametrize("path", sorted(NBS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_prose_quotes_only_printed_figures(path):
    missing = unprinted_figures(json.loads(path.read_text()))
    assert not missing, (f"{path.name}: the markdown quotes figures that no cell prints: {missing}. Print "
                         "them from a cell (or write the paragraph with IPython.display.Markdown), or, for a "
                         "constant, add it to ALLOWED with the reason.")
