"""Checks on the course as a whole that don't belong in any one chapter's prose."""
import json, re, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NBS = sorted((ROOT / "nbs").glob("[0-9][0-9]*.ipynb"))
ORDER = {p.stem: i for i, p in enumerate(NBS)}


def _nb(p):
    return json.loads(p.read_text(encoding="utf-8"))


def _module_of(nb):
    for c in nb["cells"]:
        m = re.search(r"^#\|\s*default_exp\s+(\S+)", "".join(c["source"]), re.M)
        if m: return m.group(1)


MODULES = {_module_of(_nb(p)): p.stem for p in NBS}


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_chapter_shape(nb):
    "Every chapter: H1 title, `>` summary, Colab badge, Colab GPU metadata, a default_exp, exercises."
    d = _nb(nb)
    md = ["".join(c["source"]) for c in d["cells"] if c["cell_type"] == "markdown"]
    assert md[0].startswith("# ") and "\n> " in md[0], f"{nb.name}: first cell must be '# Title' then '> summary'"
    assert any(f"colab.research.google.com/github/mousai-course/mousai/blob/main/nbs/{nb.name}" in m for m in md), \
        f"{nb.name}: Colab badge missing or pointing at another notebook"
    assert d["metadata"].get("accelerator") == "GPU", f"{nb.name}: keep the Colab 'accelerator: GPU' metadata"
    assert _module_of(d), f"{nb.name}: no '#| default_exp'"
    assert any(re.search(r"^#+\s*Exercises", m, re.M) for m in md), f"{nb.name}: no Exercises section"


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_imports_only_earlier_chapters(nb):
    "A chapter may import only from earlier chapters' modules."
    src = "\n".join("".join(c["source"]) for c in _nb(nb)["cells"] if c["cell_type"] == "code")
    for mod in re.findall(r"(?:from|import)\s+mousai\.(\w+)", src):
        owner = MODULES.get(mod)
        assert owner is not None, f"{nb.name} imports mousai.{mod}, which no chapter exports"
        assert ORDER[owner] <= ORDER[nb.stem], f"{nb.name} imports mousai.{mod} from the later chapter {owner}"


def test_no_machine_paths_committed():
    "Nothing committed names a path of the machine it was written on."
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not files: pytest.skip("not a git checkout")
    bad = [f for f in files if (ROOT / f).is_file() and f.endswith((".py", ".ipynb", ".md", ".ini", ".csv", ".txt"))
           and re.search(r"/(work|root|home/\w+)/", (ROOT / f).read_text(encoding="utf-8", errors="ignore"))]
    assert not bad, f"machine paths in {bad}"


def test_console_script():
    "The `mousai` command is installed and answers --help and --version quickly."
    exe = Path(sys.executable).with_name("mousai")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "import sys; from mousai.cli import main; sys.exit(main())"]
    r = subprocess.run(cmd + ["--help"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "data" in r.stdout and "bench" in r.stdout, r.stderr
    r = subprocess.run(cmd + ["--version"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("mousai "), r.stderr
    r = subprocess.run(cmd + ["data", "info", str(ROOT / "no-such-dir")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("mousai: error:"), (r.returncode, r.stderr)


def test_readme_main_job(tmp_path):
    "The README's main job: build a small captioned set with the synthesizer and print its summary."
    from mousai.data import synth_available
    if not synth_available(): pytest.skip("fluidsynth / FluidR3_GM.sf2 not installed (README: Install)")
    from mousai.cli import main
    import contextlib, io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["data", "build", "--n", "2", "--seconds", "2", "--out", str(tmp_path / "m"), "--quiet"]) == 0
    text = out.getvalue()
    assert ": 2 audio files" in text and "48000: 2" in text and "2: 2" in text, text
    from mousai.data import AudioCaptionDataset
    ds = AudioCaptionDataset(tmp_path / "m", seconds=2)
    assert len(ds) == 2 and ds[0]["audio"].shape == (2, 96000) and ds[0]["text"]
