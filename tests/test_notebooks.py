"""Run every chapter notebook with nbdev's test runner, as a learner would top to bottom.

Cells flagged `slow` or `gpu` (settings.ini `tst_flags`) are skipped; `IN_TEST` is set, so chapters use the
`tiny` preset. Set `MOUSAI_TEST_FLAGS="slow"` to force-run flagged cells as well.

All notebooks run in this one process. A chapter re-runs its own exported cells, so it registers its
presets with classes defined in the notebook (`register_presets`, chapter 00); a later chapter that imports
the library's class would then get a config of another class from `get_preset`. So every library module is
imported first, and the preset registry is put back as the library made it after each notebook.
"""
import importlib, os, pkgutil
from pathlib import Path

import pytest
from nbdev.test import test_nb as run_notebook

import mousai
import mousai.core as core

NBS = sorted((Path(__file__).resolve().parent.parent / "nbs").glob("[0-9][0-9]*.ipynb"))


@pytest.fixture(scope="module")
def library_presets():
    "The preset registry once every library module has registered its presets."
    for m in pkgutil.iter_modules(mousai.__path__):
        if not m.name.startswith("_"): importlib.import_module(f"mousai.{m.name}")
    return {kind: dict(presets) for kind, presets in core._PRESET_REGISTRY.items()}


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_notebook(nb, library_presets):
    force = os.environ.get("MOUSAI_TEST_FLAGS", "").split()
    try:
        ok, secs = run_notebook(nb, skip_flags=["slow", "gpu"], force_flags=force, do_print=False,
                                showerr=True)
    finally:
        core._PRESET_REGISTRY.clear()
        core._PRESET_REGISTRY.update({kind: dict(p) for kind, p in library_presets.items()})
    print(f"{nb.name}: {secs:.1f}s")
    assert ok, f"{nb.name} failed (traceback above)"
