"""Run every chapter notebook with nbdev's test runner, as a learner would top to bottom.

Cells flagged `slow` or `gpu` (settings.ini `tst_flags`) are skipped; `IN_TEST` is set, so chapters use the
`tiny` preset. Set `MOUSAI_TEST_FLAGS="slow"` to force-run flagged cells as well.
"""
import os
from pathlib import Path

import pytest
from nbdev.test import test_nb as run_notebook

NBS = sorted((Path(__file__).resolve().parent.parent / "nbs").glob("[0-9][0-9]*.ipynb"))


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    force = os.environ.get("MOUSAI_TEST_FLAGS", "").split()
    ok, secs = run_notebook(nb, skip_flags=["slow", "gpu"], force_flags=force, do_print=False, showerr=True)
    print(f"{nb.name}: {secs:.1f}s")
    assert ok, f"{nb.name} failed (traceback above)"
