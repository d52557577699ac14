"""Collect gl_iters_eval.py's rows and gl_fft_probe.py's printed lines into nbs/results/griffin_lim_fft.json.
usage: gl_fft_json.py GL_ITERS_JSON PROBE_LINES_FILE OUT_JSON"""
import sys, json
from pathlib import Path
rows = json.loads(Path(sys.argv[1]).read_text())["rows"]
probe = [json.loads(x) for x in Path(sys.argv[2]).read_text().splitlines() if x.startswith("{")]
probe.sort(key=lambda r: (r["fft"], r["seed"]))
Path(sys.argv[3]).write_text(json.dumps({"rows": rows, "probe": probe, "note": (
    "the shipped dmae-tiny's default decoder (magnitude diffusion, one step) with Griffin-Lim at the STFT's "
    "FFT size (1023) and at 1024 (griffin_lim_fft); reconstruction CPU seconds on one thread include "
    "encoding")},
    indent=1))
print(len(rows), "rows,", len(probe), "probe runs")
