"""Test-session settings, applied before anything imports torch.

Threads: on a 2-core machine shared with other busy processes, torch's default of one thread per
core made a tiny notebook 20x slower (05_unet: 99 s with 2 threads, 4.4 s with one). Tests use one
thread unless you set OMP_NUM_THREADS / MKL_NUM_THREADS yourself
(e.g. `OMP_NUM_THREADS=8 pytest` on a big idle machine).
"""
import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")          # never reach for a model hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")            # plots render without a display

import torch  # noqa: E402  (after the environment above, on purpose)

_n = os.environ["OMP_NUM_THREADS"]
torch.set_num_threads(max(1, int(_n)) if _n.isdigit() else 1)
