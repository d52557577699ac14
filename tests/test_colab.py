"""The first run on Colab, rehearsed offline: the notebooks' setup cell (cell 2 of every chapter) runs
in a fresh Python process that believes it is on Colab (a stand-in `google.colab` module), clones this
repository (its committed HEAD, through a local file:// URL) into a temporary folder instead of /content, and
then `import mousai` and the shipped pipeline must load in that same process, from the clone.

The cell's `pip install` would install into this test environment, so the child process stands in
for it: it runs the same command with `--dry-run --report -` (and `--no-index --no-build-isolation`, offline)
and checks that pip has nothing to install but mousai itself, above all no torch or torchaudio: the torch that
Colab (here: this venv) already has is kept. Everything else of the cell (clone, sys.path, chdir)
runs for real."""
import json, os, subprocess, sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def setup_cell(notebook: str = "00_core.ipynb") -> str:
    "The Colab setup cell of a chapter: its first code cell, the one that checks for google.colab."
    cells = json.loads((REPO / "nbs" / notebook).read_text(encoding="utf-8"))["cells"]
    code = [("".join(c["source"])) for c in cells if c["cell_type"] == "code"]
    assert code and "google.colab" in code[0], f"{notebook}: the first code cell is not the Colab setup cell"
    return code[0]


CHILD = r'''
import importlib.machinery, json, os, subprocess, sys, types
for name in ("google", "google.colab"):                             # what makes the cell think it is on Colab
    sys.modules[name] = m = types.ModuleType(name)
    # libraries probe it with importlib.util.find_spec
    m.__spec__ = importlib.machinery.ModuleSpec(name, None)

_run, PIP = subprocess.run, []
def run(cmd, *args, **kwargs):
    """pip install → the same install as a dry run that reports what it would install
    (offline, nothing written)."""
    if list(cmd[1:4]) != ["-m", "pip", "install"]: return _run(cmd, *args, **kwargs)
    dry = (list(cmd[:4]) + ["--dry-run", "--no-index", "--no-build-isolation", "--quiet", "--report", "-"]
           + [a for a in cmd[4:] if a != "-q"])
    out = _run(dry, capture_output=True, text=True)
    if out.returncode: raise SystemExit(f"pip dry run failed: {out.stderr[-2000:]}")
    PIP.append({"cmd": list(cmd),
                "install": sorted(i["metadata"]["name"].lower() for i in json.loads(out.stdout)["install"])})
    return subprocess.CompletedProcess(cmd, 0)
subprocess.run = run

exec(compile(open(sys.argv[1]).read(), "colab-setup-cell", "exec"))

import torch, mousai
from mousai.core import data_samples_dir
from mousai.pipeline import MousaiPipeline
pipe = MousaiPipeline.from_pretrained()
print(json.dumps({"mousai": mousai.__file__, "cwd": os.getcwd(), "data": str(data_samples_dir()), "pip": PIP,
                  "torch": torch.__version__, "pipeline": type(pipe).__name__,
                  "latent_model": type(pipe.latent_model).__name__, "dmae": type(pipe.dmae).__name__}))
'''


def test_colab_setup_cell_imports_in_the_same_process(tmp_path):
    if subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout: the setup cell clones the repository")
    root = tmp_path / "content" / "mousai"
    (tmp_path / "cell.py").write_text(setup_cell())
    (tmp_path / "child.py").write_text(CHILD)
    env = {**os.environ, "MOUSAI_COLAB_DIR": str(root), "MOUSAI_REPO_URL": REPO.as_uri(),
           "PYTHONPATH": "", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1"}
    env.pop("MOUSAI_DATA_SAMPLES", None)
    out = subprocess.run([sys.executable, str(tmp_path / "child.py"), str(tmp_path / "cell.py")],
                         cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, \
        f"the setup cell or the import failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    res = json.loads(out.stdout.strip().splitlines()[-1])
    clone = root.resolve()
    assert Path(res["mousai"]).resolve().is_relative_to(clone), \
        f"mousai was imported from {res['mousai']}, not from the clone {clone}"
    assert Path(res["cwd"]).resolve() == clone / "nbs", "the cell changes into the clone's nbs/ folder"
    assert Path(res["data"]).resolve() == clone / "data_samples", \
        f"data_samples/ should be the clone's, got {res['data']}"
    assert ((res["pipeline"], res["latent_model"], res["dmae"])
            == ("MousaiPipeline", "LatentGenerator", "DMAE")), res
    # pip: one install of the clone, and nothing else to install, least of all another torch build
    assert len(res["pip"]) == 1 and str(root) in res["pip"][0]["cmd"], res["pip"]
    installs = res["pip"][0]["install"]
    assert not {"torch", "torchaudio"} & set(installs), f"pip would replace Colab's torch: {installs}"
    assert installs == ["mousai"], \
        f"pip would install more than mousai into an environment that has its requirements: {installs}"


def test_setup_cell_is_the_same_in_every_chapter():
    "Every chapter starts with the same setup cell, so the test above covers all of them."
    cells = {nb.name: setup_cell(nb.name) for nb in sorted((REPO / "nbs").glob("[0-9]*.ipynb"))}
    first = cells["00_core.ipynb"]
    assert all(c == first for c in cells.values()), [n for n, c in cells.items() if c != first]
