"""Library tests of `mousai.training` that do not belong in the chapter's prose: exact resume, a
crash in the middle of a checkpoint, and the same trainer on two processes started by `accelerate launch`
(CPU, gloo backend)."""
import json, os, socket, subprocess, sys
from pathlib import Path

import pytest
import torch
from torch import nn
from huggingface_hub import PyTorchModelHubMixin

from mousai.runs import RUN_LOCK, CheckpointError, TrainConfig, list_checkpoints
from mousai.training import Callback, SampleCB, Trainer

torch.set_num_threads(1)


class Toy(nn.Module, PyTorchModelHubMixin):
    """A 2-layer MLP v-diffusion denoiser: σ and ε come from the global RNG,
    as in every diffusion model's loss."""
    def __init__(self, dim: int = 8, hidden: int = 32):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim + 1, hidden), nn.SiLU(), nn.Linear(hidden, dim))

    def loss(self, x):
        s = torch.rand(len(x), 1); n = torch.randn_like(x)
        a, b = torch.cos(s * torch.pi / 2), torch.sin(s * torch.pi / 2)
        return ((self.net(torch.cat([a * x + b * n, s], 1)) - (a * n - b * x)) ** 2).mean()


class Crops(torch.utils.data.Dataset):
    "Random crops drawn when an item is read (like audio clips), from a fixed table."
    def __init__(self, n: int = 40, dim: int = 8):
        self.data, self.dim = torch.randn(n, 3 * dim, generator=torch.Generator().manual_seed(1)), dim
    def __len__(self): return len(self.data)
    def __getitem__(self, i):
        o = int(torch.randint(0, 2 * self.dim + 1, ()))
        return self.data[i, o:o + self.dim]


def train(out, steps, callbacks=(), **kw) -> Trainer:
    torch.manual_seed(0)
    cfg = dict(steps=steps, batch_size=4, lr=1e-2, log_every=1, checkpoint_every=4, tensorboard=False)
    tr = Trainer(Toy(), Crops(), out, TrainConfig(**{**cfg, **kw}), callbacks=callbacks, progress=False)
    tr.ema_model = tr.fit()
    return tr


def max_diff(a: nn.Module, b: nn.Module) -> float:
    return max((v - b.state_dict()[k]).abs().max().item() for k, v in a.state_dict().items())


@pytest.mark.parametrize("grad_accum", [1, 2])
def test_resume_is_exact(tmp_path, grad_accum):
    """Stopped at step 7 (mid-epoch) and resumed to 12 = 12 steps in one go: weights,
    EMA and every logged loss."""
    straight = train(tmp_path / "a", 12, grad_accum=grad_accum)
    train(tmp_path / "b", 7, grad_accum=grad_accum, checkpoint_every=7)
    resumed = train(tmp_path / "b", 12, grad_accum=grad_accum)
    assert [r["step"] for r in resumed.history] == list(range(1, 13))
    losses = max(abs(a["loss"] - b["loss"]) for a, b in zip(straight.history, resumed.history))
    diff = max(max_diff(straight.model, resumed.model),
               max_diff(straight.ema_model, resumed.ema_model), losses)
    print(f"grad_accum={grad_accum}: max |difference| straight vs resumed = {diff:.1e}")
    assert diff <= 1e-6
    assert [json.loads(l)["step"] for l in open(tmp_path / "b" / "metrics.jsonl")] == list(range(1, 13))


def test_crash_inside_a_checkpoint(tmp_path, monkeypatch):
    """A write that dies half way leaves the previous checkpoint loadable and no temporary folder;
    the run resumes exactly."""
    write = Trainer._write_checkpoint
    def dies_at_step_8(self, tmp):
        if self.step == 8:
            write(self, tmp)                                     # everything written...
            (tmp / "model.safetensors").write_bytes(b"\0" * 10)  # ...then a torn file and the process dies
            raise OSError("disk full (simulated)")
        return write(self, tmp)
    monkeypatch.setattr(Trainer, "_write_checkpoint", dies_at_step_8)
    with pytest.raises(OSError, match="disk full"): train(tmp_path / "run", 12)
    monkeypatch.undo()
    ckpts = tmp_path / "run" / "checkpoints"
    assert [s for s, _ in list_checkpoints(tmp_path / "run")] == [4]
    assert sorted(p.name for p in ckpts.iterdir()) == ["step-0000004"], "a temporary folder was left behind"
    assert not list((tmp_path / "run").glob(".tmp-*")) and not list((tmp_path / "run").glob(".old-*"))
    assert Toy.from_pretrained(tmp_path / "run" / "model") is not None   # the exported model still loads
    resumed, straight = train(tmp_path / "run", 12), train(tmp_path / "straight", 12)
    assert max_diff(resumed.ema_model, straight.ema_model) <= 1e-6


def test_refusals(tmp_path, caplog):
    """A damaged checkpoint is named, never retrained over; fewer steps than the checkpoint returns
    its EMA model."""
    done = train(tmp_path / "run", 8)
    with caplog.at_level("WARNING", logger="mousai"):
        again = train(tmp_path / "run", 6)
    assert "asked for 6 steps but the checkpoint" in caplog.text and "at step 8" in caplog.text
    assert max_diff(again.ema_model, done.ema_model) == 0
    with pytest.raises(CheckpointError, match=r"another configuration \(lr: 0.01 → 0.02\)"):
        train(tmp_path / "run", 12, lr=2e-2)
    weights = tmp_path / "run" / "checkpoints" / "step-0000008" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(CheckpointError, match=f"checkpoint file {weights} is corrupt or truncated"):
        train(tmp_path / "run", 12)
    assert (tmp_path / "run" / "checkpoints" / "step-0000008").exists(), \
        "a refused resume must not touch the run"


class Events(Callback):
    "Records (event, step) and the loss of every step; draws random numbers, but only inside SampleCB."
    order = 25                                   # between CheckpointCB (20) and SampleCB (30)
    def __init__(self): self.seen = []
    def before_fit(self, trainer): self.seen.append(("before_fit", trainer.step))
    def after_step(self, trainer):
        self.seen.append(("after_step", trainer.step, trainer.last_checkpoint is not None
                          and trainer.last_checkpoint.name == f"step-{trainer.step:07d}"))
    def after_fit(self, trainer): self.seen.append(("after_fit", trainer.step))


def test_callbacks(tmp_path, caplog):
    """Custom callbacks see every step in `order` (after the checkpoint of their step); samples, even broken
    ones, do not change the run; `sample_fn=` is a SampleCB."""
    ev, drawn = Events(), []
    def sample(model, folder, step):
        drawn.append((step, torch.rand(()).item())); (folder / f"{step}.txt").touch()
    def broken(model, folder, step): raise RuntimeError("no sound card")
    with caplog.at_level("WARNING", logger="mousai"):
        tr = train(tmp_path / "a", 8, callbacks=[ev, SampleCB(sample, every=4), SampleCB(broken, every=8)])
    assert ev.seen[0] == ("before_fit", 0) and ev.seen[-1] == ("after_fit", 8)
    assert [s[1] for s in ev.seen[1:-1]] == list(range(1, 9))
    assert [s[2] for s in ev.seen[1:-1]] == [s % 4 == 0 for s in range(1, 9)], "order: after CheckpointCB"
    assert [d[0] for d in drawn] == [4, 8]
    assert sorted(p.name for p in (tmp_path / "a" / "samples").iterdir()) == ["4.txt", "8.txt"]
    assert "sample_fn failed at step 8 (RuntimeError: no sound card); training continues" in caplog.text
    plain = train(tmp_path / "b", 8)
    assert [r["loss"] for r in tr.history] == [r["loss"] for r in plain.history], "a sample changed the run"
    shim = Trainer(Toy(), Crops(), tmp_path / "c", TrainConfig(steps=1, batch_size=4), sample_fn=sample)
    assert ([type(cb).__name__ for cb in shim.callbacks]
            == ["MetricsCB", "CheckpointCB", "ProgressCB", "SampleCB"])


SCRIPT = '''
import json, sys, torch
sys.path.insert(0, {here!r})
from test_training import Toy, Crops
from mousai.training import Trainer, TrainConfig

out, report = sys.argv[1], {{}}
for steps in (4, 7):                 # 4 steps (checkpoint at 3 and 4), then a new Trainer resumes to 7
    torch.manual_seed(0)
    tr = Trainer(Toy(), Crops(), out, TrainConfig(steps=steps, batch_size=4, lr=1e-2, log_every=1, \
checkpoint_every=3,
                                                   cpu=True, tensorboard=False), progress=False)
    tr.fit()
    report[steps] = dict(rank=tr.acc.process_index, processes=tr.acc.num_processes, step=tr.step, \
logged=len(tr.history))
print("REPORT " + json.dumps(report), flush=True)
import torch.distributed as dist     # shut gloo down before exit (its threads can abort at teardown)
if dist.is_initialized(): dist.barrier(); dist.destroy_process_group()
'''


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]


def test_two_processes(tmp_path):
    """`accelerate launch` with 2 CPU processes (gloo): one set of files, written by the main process only;
    resume works."""
    script = tmp_path / "train_two.py"
    script.write_text(SCRIPT.format(here=str(Path(__file__).parent)))
    exe = Path(sys.executable).parent / "accelerate"
    launcher = [str(exe)] if exe.exists() else [sys.executable, "-m", "accelerate.commands.launch"]
    # `--cpu` alone would start one process (Accelerate hands CPU jobs to MPI); the torchrun
    # launcher + ACCELERATE_USE_CPU starts two CPU processes that talk through gloo.
    cmd = launcher + (["launch"] if exe.exists() else []) + [
        "--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no",
        "--dynamo_backend", "no",
        "--main_process_port", str(_free_port()), str(script), str(tmp_path / "run")]
    env = {**os.environ, "ACCELERATE_USE_CPU": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "CUDA_VISIBLE_DEVICES": ""}
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    reports = sorted((json.loads(l.split(" ", 1)[1])
                      for l in r.stdout.splitlines() if l.startswith("REPORT ")),
                     key=lambda rep: rep["4"]["rank"])
    print(*reports, sep="\n")
    assert ([rep["4"]["rank"] for rep in reports] == [0, 1]
            and all(rep["4"]["processes"] == 2 for rep in reports))
    assert all(rep["4"]["step"] == 4 and rep["7"]["step"] == 7 and rep["7"]["logged"] == 7 for rep in reports)
    run = tmp_path / "run"
    # + the run lock
    assert (sorted(p.name for p in run.iterdir() if p.name != RUN_LOCK)
            == ["checkpoints", "metrics.jsonl", "model", "run_config.json"])
    assert [json.loads(l)["step"] for l in open(run / "metrics.jsonl")] == list(range(1, 8)), \
        "metrics written twice?"
    assert sorted(p.name for p in (run / "checkpoints").iterdir()) == ["step-0000006", "step-0000007"]
    files = sorted(p.name for p in (run / "checkpoints" / "step-0000007").iterdir())
    assert {"random_states_0.pkl", "random_states_1.pkl", "model.safetensors",
            "trainer_state.json"} <= set(files), files
    assert json.loads((run / "checkpoints" / "step-0000007" / "trainer_state.json")
                      .read_text())["num_processes"] == 2
    assert json.loads((run / "run_config.json").read_text())["num_processes"] == 2
    assert Toy.from_pretrained(run / "model") is not None
