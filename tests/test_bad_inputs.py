"""Bad inputs and faults, the way a new user meets them: a table of `mousai` command lines, each with
the exit status, the words its message must hold (the file or value at fault), no traceback, and nothing the
user had changed; then property tests (hypothesis) of the audio entry points: they work,
or raise ValueError/TypeError with a message.

The commands run in this process (`mousai.cli.main`, which returns the exit status and prints to stderr), so
the suite loads torch and the tiny models once: it runs in well under a minute on two CPU cores. One
case goes through `python -m mousai.cli` to check the real entry point.
"""
import hashlib, itertools, json, math, os, shutil, subprocess, sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
import soundfile as sf
import torch
from hypothesis import HealthCheck, given, settings, strategies as st

from mousai.cli import main

SR = 48000

# ---------------------------------------------------------------------------------------------------- helpers

def tone(seconds: float = 1.0, sr: int = SR, channels: int = 2, f: float = 220.0) -> np.ndarray:
    "A sine [samples, channels] (soundfile's layout)."
    t = np.arange(int(seconds * sr)) / sr
    return np.repeat((0.3 * np.sin(2 * np.pi * f * t))[:, None], channels, 1).astype("float32")

def clips(folder: Path, n: int, seconds: float = 1.0, metadata: bool = True) -> Path:
    "`n` short 48 kHz stereo wav clips (and a metadata.csv) in `folder`."
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n): sf.write(folder / f"clip{i:02d}.wav", tone(seconds, f=200 + 30 * i), SR)
    if metadata:
        (folder / "metadata.csv").write_text(
            "file_name,text\n" + "".join(f"clip{i:02d}.wav,a tune number {i}\n" for i in range(n)))
    return folder

def nan_wav(path: Path, seconds: float = 1.0) -> Path:
    "A float WAV whose samples hold NaN (what a broken export can write)."
    x = tone(seconds); x[100:140] = np.nan
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(path, x, SR, subtype="FLOAT")
    return path

def snapshot(root: Path) -> dict:
    "Every file and folder below `root`: content hash and mode, so a test can tell that nothing changed."
    if not root.exists(): return {}
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        out[rel] = "dir" if p.is_dir() else (hashlib.sha1(p.read_bytes()).hexdigest(),
                                             oct(p.stat().st_mode & 0o777))
    return out

def corrupt_json(path: Path, **changes) -> None:
    d = json.loads(path.read_text()); d.update(changes); path.write_text(json.dumps(d))

def truncate(path: Path, keep: int = 1000) -> None: path.write_bytes(path.read_bytes()[:keep])

# --------------------------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def pipeline_dir(tmp_path_factory) -> Path:
    "The shipped tiny pipeline, saved as a pipeline folder (pipeline.json, text_encoder/, generator/, dmae/)."
    from mousai.pipeline import MousaiPipeline
    d = tmp_path_factory.mktemp("shipped") / "pipe"
    MousaiPipeline.from_pretrained(device="cpu").save_pretrained(d)
    return d

@pytest.fixture(scope="session")
def dmae_dir() -> Path:
    from mousai.autoencoder import pretrained_dir
    return pretrained_dir("dmae-tiny")

@dataclass
class Case:
    "One command line: what it is given (`make` builds the files and returns argv), what it must answer."
    id: str
    make: Callable                     # (tmp: Path, fx: dict) -> argv
    code: int = 2
    expect: tuple = ()                 # words the error line (code 2) or the output (code 0) must hold
    watch: str = "."                   # what must stay unchanged (relative to tmp)
    check: Callable | None = None      # more checks of what the command left in tmp

def gen(*args) -> Callable:
    "A `mousai generate` case run in tmp (its --out defaults to tmp/song.wav)."
    def make(tmp, fx):
        argv = ["generate", *[a.format(tmp=tmp, **fx) for a in args]]
        return argv if "--out" in args else argv + ["--out", str(tmp / "song.wav")]
    return make

def with_pipeline(change: Callable, *args) -> Callable:
    """A `mousai generate --model DIR` case on a copy of the shipped pipeline folder that
    `change(dir)` damages."""
    def make(tmp, fx):
        d = shutil.copytree(fx["pipeline_dir"], tmp / "pipe")
        change(d)
        return ["generate", "piano", "--seconds", "0.5", "--steps", "1", "--decode-steps",
                "1", "--model", str(d),
                "--out", str(tmp / "song.wav"), "--quiet", *args]
    return make

def info_of(build: Callable) -> Callable:
    "A `mousai data info DIR` case on a folder that `build(dir)` fills."
    def make(tmp, fx):
        d = tmp / "music"; d.mkdir(); build(d)
        return ["data", "info", str(d)]
    return make

def existing(name: str) -> Callable:
    def make(tmp, fx):
        for n in name.split(","): (tmp / n).write_bytes(b"my own song")
        return ["generate", "piano", "--out", str(tmp / name.split(",")[0].replace("-2", "")), "--batch",
                "2" if "," in name else "1"]
    return make

def metadata(text: str | bytes, n: int = 3) -> Callable:
    def build(d):
        clips(d, n, seconds=0.3, metadata=False)
        (d / "metadata.csv").write_bytes(text if isinstance(text, bytes) else text.encode())
    return info_of(build)

def train(data: Callable, *args, out: str = "run") -> Callable:
    "A `mousai train autoencoder` case: 1 step of the tiny DMAE on the folder `data(dir)` fills."
    def make(tmp, fx):
        d = tmp / "music"; data(d)
        return ["train", "autoencoder", "--data", str(d), "--out", str(tmp / out), "--steps", "1",
                "--batch-size", "2",
                "--seconds", "0.7", "--checkpoint-every", "1", "--device", "cpu", "--quiet", *args]
    return make

def held_lock(tmp, fx):
    "A run folder that another training run holds (its lock file locked by this process)."
    from filelock import FileLock
    from mousai.runs import RUN_LOCK
    clips(tmp / "music", 4)
    (tmp / "run").mkdir()
    fx["lock"] = FileLock(str(tmp / "run" / RUN_LOCK), timeout=0); fx["lock"].acquire()
    (tmp / "run" / "metrics.jsonl").write_text('{"step": 1, "loss": 0.5}\n')
    return ["train", "autoencoder", "--data", str(tmp / "music"), "--out", str(tmp / "run"), "--steps", "1",
            "--batch-size", "2",
            "--seconds", "0.7", "--quiet"]

def users_model_file(no_resume: bool) -> Callable:
    def make(tmp, fx):
        clips(tmp / "music", 4)
        (tmp / "run" / "model").mkdir(parents=True)
        (tmp / "run" / "model" / "mine.txt").write_text("my notes")
        return ["train", "autoencoder", "--data", str(tmp / "music"), "--out",
                str(tmp / "run"), "--steps", "1",
                "--batch-size", "2", "--seconds", "0.7", "--quiet"] + (["--no-resume"] if no_resume else [])
    return make

def evaluate(data: Callable, *args) -> Callable:
    def make(tmp, fx):
        d = tmp / "music"; data(d)
        return ["evaluate-autoencoder", "--data", str(d), "--clips", "2", "--seconds", "0.1", "--steps", "1",
                "--samplers", "ddim", "--quiet", *args]
    return make

def with_nan(n_good: int, n_bad: int = 1) -> Callable:
    def fill(d):
        clips(d, n_good)
        for i in range(n_bad): nan_wav(d / f"bad_nan{i}.wav")
    return fill

def odd(write: Callable) -> Callable:
    "A folder with one odd but valid file, and the shipped-style metadata-free captions."
    return info_of(lambda d: write(d))

def usual_modes(tmp: Path) -> None:
    """Every file a training run wrote has the mode a new file gets (0644 under umask 022),
    also the safetensors files."""
    umask = os.umask(0); os.umask(umask)
    modes = {str(p.relative_to(tmp)): oct(p.stat().st_mode & 0o777)
             for p in (tmp / "run").rglob("*") if p.is_file()}
    assert (any(k.endswith("model.safetensors") for k in modes)
            and set(modes.values()) == {oct(0o666 & ~umask)}), modes

CASES = [
    # --- generate: every setting checked before any model is loaded
    Case("empty prompt", gen("", "--seconds", "1"), expect=("prompt is empty",)),
    Case("whitespace prompt", gen("   \t ", "--seconds", "1"), expect=("prompt is empty",)),
    Case("seconds 0", gen("piano", "--seconds", "0"), expect=("--seconds", "got 0.0")),
    Case("seconds nan", gen("piano", "--seconds", "nan"), expect=("--seconds", "got nan")),
    Case("seconds inf", gen("piano", "--seconds=inf"), expect=("--seconds", "got inf")),
    Case("seconds negative", gen("piano", "--seconds", "-3"), expect=("--seconds", "got -3.0")),
    Case("steps 0", gen("piano", "--steps", "0"), expect=("--steps", "got 0")),
    Case("decode-steps 0", gen("piano", "--decode-steps", "0"), expect=("--decode-steps", "got 0")),
    Case("decode-steps with griffin-lim", gen("piano", "--decoder", "griffin-lim", "--decode-steps", "3"),
         expect=("--decode-steps does not apply",)),
    Case("guidance 1e30", gen("piano", "--guidance", "1e30"), expect=("--guidance", "got 1e+30")),
    Case("guidance negative", gen("piano", "--guidance", "-2"), expect=("--guidance", "got -2.0")),
    Case("guidance nan", gen("piano", "--guidance", "nan"), expect=("--guidance", "got nan")),
    Case("huge seed", gen("piano", "--seed", "99999999999999999999999"),
         expect=("--seed", "got 99999999999999999999999")),
    Case("negative seed", gen("piano", "--seed", "-1"), expect=("--seed", "got -1")),
    Case("batch 0", gen("piano", "--batch", "0"), expect=("--batch", "got 0")),
    Case("unknown extension", gen("piano", "--out", "{tmp}/song.xyz"), expect=("song.xyz", "'.xyz'")),
    Case("no extension", gen("piano", "--out", "{tmp}/song"), expect=("song", "(no extension)")),
    Case("existing output", existing("song.wav"), expect=("song.wav exists", "--overwrite")),
    Case("existing take 2", existing("song.wav,song-2.wav"), expect=("song-2.wav exists",)),
    Case("output is a folder", gen("piano", "--out", "{tmp}"), expect=("is a folder",)),
    Case("output folder missing",
         gen("piano", "--out", "{tmp}/nowhere/song.wav"), expect=("nowhere", "does not exist")),
    Case("empty negative prompt", gen("piano", "--negative", "  "), expect=("--negative is empty",)),
    Case("model folder missing",
         gen("piano", "--model", "{tmp}/no-such-pipeline"), expect=("no-such-pipeline",)),
    Case("empty model folder", lambda tmp, fx: (tmp / "empty").mkdir()
         or ["generate", "piano", "--model", str(tmp / "empty"),
             "--out", str(tmp / "s.wav")], expect=("empty has no pipeline.json",)),
    Case("DMAE folder as pipeline", gen("piano", "--model", "{dmae_dir}"),
         expect=("dmae-tiny has no pipeline.json", "single model")),
    Case("file as model folder", lambda tmp, fx: (tmp / "m.bin").write_bytes(b"x")
         and ["generate", "piano", "--model", str(tmp / "m.bin"),
              "--out", str(tmp / "s.wav")], expect=("m.bin is a file",)),
    # --- generate: damaged pipeline folders
    Case("truncated generator weights",
         with_pipeline(lambda d: truncate(d / "generator" / "model.safetensors")),
         expect=("generator", "could not be loaded")),
    Case("truncated DMAE weights", with_pipeline(lambda d: truncate(d / "dmae" / "model.safetensors")),
         expect=("dmae/model.safetensors", "truncated")),
    Case("pipeline.json not JSON", with_pipeline(lambda d: (d / "pipeline.json").write_text("{not json")),
         expect=("pipeline.json is not valid JSON",)),
    Case("pipeline.json non-numeric field",
         with_pipeline(lambda d: corrupt_json(d / "pipeline.json", config={"num_steps": "fifty"})),
         expect=("pipeline.json", "num_steps must be an integer", "'fifty'")),
    Case("generator config does not match weights",
         with_pipeline(lambda d: corrupt_json(d / "generator" / "config.json", channels=[8, 16, 16])),
         expect=("generator",)),
    Case("pipeline without generator/",
         with_pipeline(lambda d: shutil.rmtree(d / "generator")), expect=("has no generator/ folder",)),
    Case("seconds 1e6 (memory)", with_pipeline(lambda d: None, "--seconds", "1e6"),
         expect=("1e+06 s", "would need about")),
    # --- data info: folders and files a user may point at
    Case("data folder missing",
         lambda tmp, fx: ["data", "info", str(tmp / "nope")], expect=("nope does not exist",)),
    Case("file as data folder", lambda tmp, fx: (tmp / "a.wav").write_bytes(b"x")
         and ["data", "info", str(tmp / "a.wav")],
         expect=("a.wav is a file",)),
    Case("empty data folder", info_of(lambda d: None), expect=("No audio files in",)),
    Case("empty wav", info_of(lambda d: (d / "empty.wav").write_bytes(b"")), expect=("empty.wav",)),
    Case("text as wav", info_of(lambda d: (d / "notes.wav").write_text("these are my notes, not audio")),
         expect=("notes.wav",)),
    Case("NaN wav only", info_of(lambda d: nan_wav(d / "nan.wav")), expect=("nan.wav",)),
    Case("NaN clip among good (data info)", info_of(with_nan(9)), code=0, expect=("NaN/inf", "bad_nan0.wav")),
    Case("one-sample wav", odd(lambda d: sf.write(d / "one.wav", np.zeros((1, 2), "float32"), SR)), code=0,
         expect=("1 audio files",)),
    Case("6-channel wav", odd(lambda d: sf.write(d / "six.wav", tone(0.5, channels=6), SR)),
         code=0, expect=("channels      6: 1",)),
    Case("8-bit wav", odd(lambda d: sf.write(d / "eight.wav", tone(0.5), SR, subtype="PCM_U8")), code=0,
         expect=("1 audio files",)),
    Case("mono 22 kHz wav", odd(lambda d: sf.write(d / "mono.wav", tone(0.5, 22050, 1), 22050)), code=0,
         expect=("22050: 1", "1: 1")),
    Case("metadata with BOM",
         metadata(b"\xef\xbb\xbffile_name,text\nclip00.wav,a\nclip01.wav,b\nclip02.wav,c\n"), code=0,
         expect=("captions from metadata: 3",)),
    Case("metadata with ';'", metadata("file_name;text\nclip00.wav;a\n"),
         expect=("metadata.csv is separated by ';'",)),
    Case("metadata extra value", metadata("file_name,text\nclip00.wav,a\nclip01.wav,b, with a comma\n"),
         expect=("metadata.csv, line 3", "3 values but the header has 2 columns")),
    Case("metadata duplicate file_name", metadata("file_name,text\nclip00.wav,a\nclip00.wav,b\n"), code=0,
         expect=("twice with different captions", "clip00.wav")),
    Case("metadata names a missing file",
         metadata("file_name,text\nclip00.wav,a\ngone.wav,b\n"), code=0, expect=("gone.wav",)),
    # --- training
    Case("train: NaN clip skipped", train(with_nan(9)), code=0,
         expect=("skipping 1 of 10", "bad_nan0.wav (NaN/inf samples)"),
         watch="music", check=usual_modes),
    Case("train: too many bad clips", train(with_nan(8, 2)),
         expect=("2 of 10 audio files", "more than 10%", "bad_nan0.wav")),
    Case("train: another run holds --out", held_lock, expect=("run is in use by another training run",)),
    Case("train: user's file in model/", users_model_file(False), expect=("mine.txt",)),
    Case("train --no-resume: user's file in model/", users_model_file(True), expect=("mine.txt",)),
    Case("train: steps 0", train(lambda d: clips(d, 4), "--steps", "0"), expect=("--steps", "got 0")),
    Case("train: lr nan", train(lambda d: clips(d, 4), "--lr", "nan"), expect=("--lr", "got nan")),
    Case("train: seconds 0", train(lambda d: clips(d, 4), "--seconds", "0"), expect=("--seconds", "got 0.0")),
    Case("train: batch larger than the data",
         train(lambda d: clips(d, 1), "--batch-size", "8"), expect=("batch_size=8",)),
    Case("train generator --device cpu", lambda tmp, fx: (tmp / "cache").mkdir() or [
        "train", "generator", "--data", str(tmp / "cache"), "--out",
        str(tmp / "run"), "--device", "cpu", "--quiet"],
         expect=("cache has no latents.json",)),
    # --- evaluation and latent caching
    Case("evaluate: NaN clip skipped", evaluate(with_nan(9)), code=0,
         expect=("bad_nan0.wav",), watch="music"),
    Case("evaluate: steps 0", evaluate(lambda d: clips(d, 2), "--steps", "0"), expect=("--steps", "got 0")),
    Case("evaluate: unknown sampler",
         evaluate(lambda d: clips(d, 2), "--samplers", "euler"), expect=("--samplers", "euler")),
    Case("evaluate: truncated DMAE",
         evaluate(lambda d: clips(d, 2), "--model", "{tmp}/dmae"), expect=("truncated",)),
    Case("cache-latents: seconds 0",
         lambda tmp, fx: ["cache-latents", "--data", str(clips(tmp / "m", 2)), "--out", str(tmp / "c"),
                          "--seconds", "0"], expect=("--seconds", "got 0.0")),
]

def _prepare_truncated_dmae(tmp: Path, fx: dict, argv: list) -> list:
    "Cases that name {tmp}/dmae get a copy of the shipped DMAE with truncated weights there."
    if any("{tmp}/dmae" in a for a in argv):
        d = shutil.copytree(fx["dmae_dir"], tmp / "dmae"); truncate(d / "model.safetensors")
        argv = [a.replace("{tmp}", str(tmp)) for a in argv]
    return argv

@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path, pipeline_dir, dmae_dir, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fx = {"pipeline_dir": pipeline_dir, "dmae_dir": dmae_dir}
    argv = _prepare_truncated_dmae(tmp_path, fx, case.make(tmp_path, fx))
    watched = tmp_path / case.watch
    before = snapshot(watched)
    try: code = main(argv)
    finally:
        if "lock" in fx: fx["lock"].release()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err[-3000:]
    assert code == case.code, f"exit {code}, expected {case.code}; stderr:\n{err[-3000:]}"
    if case.code == 2:
        lines = [l for l in err.splitlines() if l.startswith("mousai: error:")]
        assert len(lines) == 1, err
        text = lines[0]
        assert len(text) < 600, f"a message of {len(text)} characters: {text[:300]}…"
    else: text = out + err
    for word in case.expect: assert word.format(tmp=tmp_path) in text, f"{word!r} not in: {text[:1500]}"
    after = snapshot(watched)
    if case.code == 2 or case.watch != ".":
        assert after == before, f"changed: {sorted(set(after.items()) ^ set(before.items()))[:10]}"
    if case.check: case.check(tmp_path)

def test_save_pretrained_file_mode(tmp_path, dmae):
    dmae.save_pretrained(tmp_path / "d")
    umask = os.umask(0); os.umask(umask)
    assert oct((tmp_path / "d" / "model.safetensors").stat().st_mode & 0o777) == oct(0o666 & ~umask)

def test_table_is_big_enough():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)

def test_entry_point_subprocess(tmp_path):
    "The real entry point (`python -m mousai.cli`): one line on stderr, exit status 2, no traceback."
    r = subprocess.run([sys.executable, "-m", "mousai.cli", "generate", "piano",
                        "--seconds=inf", "--out", str(tmp_path / "s.wav")],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert (r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "--seconds" in r.stderr
            and "Traceback" not in r.stderr), r.stderr

def test_evaluate_default_samplers_in_a_fresh_process(tmp_path):
    """`mousai evaluate-autoencoder` with its default `--samplers ddim,dpmpp2m`, in a new process (where no
    chapter has imported `mousai.sampling` yet): the samplers pass, so the first refusal is the missing
    folder."""
    r = subprocess.run([sys.executable, "-m", "mousai.cli", "evaluate-autoencoder", "--data",
                        str(tmp_path / "no-such-folder")], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert r.returncode == 2 and "--samplers" not in r.stderr and "no-such-folder" in r.stderr, r.stderr

# -------------------------------------------------------------------------------------------------------
# library refusals

def test_dataset_iteration_ends(tmp_path):
    """`for x in AudioCaptionDataset(...)` ends: an index past the end is an IndexError (it used to
    wrap around)."""
    from mousai.audiofolder import AudioCaptionDataset
    ds = AudioCaptionDataset(clips(tmp_path / "m", 3, seconds=0.3), seconds=0.2)
    assert len(list(itertools.islice(iter(ds), 10))) == 3, "iterating over 3 files went on past them"
    with pytest.raises(IndexError): ds[3]

def test_run_lock_released_by_a_killed_run(tmp_path):
    "A lock left by a run killed with SIGKILL does not block the next run."
    import signal
    from mousai.runs import RUN_LOCK, _lock_run
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from filelock import FileLock; l = "
                               "FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); "
                               "time.sleep(120)", str(tmp_path / RUN_LOCK)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RuntimeError, match="in use by another training run"): _lock_run(tmp_path)
    finally: os.kill(holder.pid, signal.SIGKILL); holder.wait()
    _lock_run(tmp_path).release()

# ------------------------------------------------------------------------------------------- property tests
# (hypothesis)

ALLOWED = (ValueError, TypeError)
PROPS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

def works_or_refuses(fn):
    "fn()'s result, or None if it raised ValueError/TypeError with a message; anything else fails the test."
    try: return fn()
    except ALLOWED as e:
        assert str(e).strip(), f"{type(e).__name__} without a message"
        return None

DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int16, torch.int64,
          torch.bool, torch.complex64]

@st.composite
def tensors(draw, max_len: int = 400, channels=(0, 3), ndims=(0, 1, 2, 3)):
    "Random waveform-like tensors: any shape and dtype, sometimes with NaN or ±inf."
    nd = draw(st.sampled_from(ndims))
    shape = ([draw(st.integers(0, 2))] * (nd >= 3) + [draw(st.integers(*channels))] * (nd >= 2)
             + [draw(st.integers(0, max_len))] * (nd >= 1))
    dtype = draw(st.sampled_from(DTYPES))
    x = torch.rand(shape) * 2 - 1
    x = x > 0 if dtype == torch.bool else (x * 1000 if not (dtype.is_floating_point or dtype.is_complex)
                                           else x).to(dtype)
    bad = draw(st.sampled_from([None, "nan", "inf", "-inf"]))
    if bad and x.numel() and (x.is_floating_point() or x.is_complex()):
        x.view(-1)[draw(st.integers(0, x.numel() - 1))] = float(bad)
    return x

@PROPS
@given(w=tensors(), ext=st.sampled_from([".wav", ".flac", ".ogg", ".xyz", ""]),
       sr=st.sampled_from([48000, 44100, 8000, 0, -1, 1.5, 22050.0, 10**9]))
def test_save_load_audio(tmp_path, w, ext, sr):
    from mousai.audio import load_audio, save_audio
    p = tmp_path / f"x{ext}"
    if works_or_refuses(lambda: save_audio(p, w, sr)) is not None:
        back = works_or_refuses(lambda: load_audio(p, 48000, 2))
        if back is not None:
            assert back.shape[0] == 2 and back.dtype == torch.float32 and torch.isfinite(back).all()
    assert not [f.name for f in tmp_path.iterdir() if f.name.endswith(".tmp")], \
        "a temporary file was left behind"

@PROPS
@given(content=st.binary(max_size=300), name=st.sampled_from(["a.wav", "b.flac", "c.ogg", "d.mp3"]),
       sr=st.sampled_from([48000, 16000, 0, 2.5]), ch=st.sampled_from([1, 2, 0, 100]),
       start=st.sampled_from([0.0, 0.5, -1.0, math.nan, math.inf, 1e30]),
       dur=st.sampled_from([None, 0.1, 0.0, -1.0, math.inf, math.nan]))
def test_load_audio_garbage(tmp_path, content, name, sr, ch, start, dur):
    from mousai.audio import load_audio
    p = tmp_path / name; p.write_bytes(content)
    works_or_refuses(lambda: load_audio(p, sr, ch, start=start, duration=dur))

@PROPS
@given(sr_file=st.sampled_from([8000, 22050, 44100, 48000, 96000]),
       ch=st.integers(1, 6), n=st.integers(1, 3000),
       subtype=st.sampled_from(["PCM_16", "PCM_24", "PCM_U8", "FLOAT", "DOUBLE"]),
       start=st.one_of(st.floats(0, 0.2), st.sampled_from([-1.0, math.nan, math.inf])),
       dur=st.one_of(st.none(), st.floats(1e-4, 0.2), st.sampled_from([0.0, -1.0, math.nan, math.inf])))
def test_load_audio_real_files(tmp_path, sr_file, ch, n, subtype, start, dur):
    from mousai.audio import load_audio
    p = tmp_path / "r.wav"
    sf.write(p, (np.random.rand(n, ch) * 1.8 - 0.9).astype("float32"), sr_file, subtype=subtype)
    w = works_or_refuses(lambda: load_audio(p, 48000, 2, start=start, duration=dur))
    if w is not None: assert w.shape[0] == 2 and w.dtype == torch.float32 and torch.isfinite(w).all()

@pytest.fixture(scope="module")
def dmae():
    from mousai.autoencoder import load_pretrained_dmae
    return load_pretrained_dmae()

@PROPS
@given(w=tensors(max_len=3000, channels=(1, 3), ndims=(1, 2, 3)))
def test_dmae_encode(dmae, w):
    if w.shape[-1] == 0: return                  # zero length: its own test below (needs a fix in chapter 07)
    z = works_or_refuses(lambda: dmae.encode(w))
    if z is not None: assert z.shape[1] == dmae.config.latent_channels and torch.isfinite(z).all()

def test_dmae_encode_zero_length(dmae):
    works_or_refuses(lambda: dmae.encode(torch.zeros(1, 2, 0)))

@PROPS
@given(z=tensors(max_len=6, channels=(31, 33), ndims=(2, 3)), steps=st.sampled_from([1, 2, 0, -1]),
       method=st.sampled_from([None, "griffin-lim", "diffusion", "magic"]))
def test_dmae_decode(dmae, z, steps, method):
    # zero frames or an empty batch: the test below
    if z.shape[-1] == 0 or z.ndim == 3 and z.shape[0] == 0: return
    w = works_or_refuses(lambda: dmae.decode(z, num_steps=steps, method=method))
    if w is not None: assert w.shape[1] == dmae.config.channels and torch.isfinite(w).all()

@pytest.mark.parametrize("shape", [(1, 32, 0), (0, 32, 4)], ids=["zero frames", "empty batch"])
@pytest.mark.parametrize("method", ["griffin-lim", "diffusion"])
def test_dmae_decode_empty(dmae, shape, method):
    works_or_refuses(lambda: dmae.decode(torch.zeros(*shape), num_steps=1, method=method))

@pytest.fixture(scope="module")
def pipe(pipeline_dir):
    from mousai.pipeline import MousaiPipeline
    import mousai.editing  # noqa: F401  (chapter 11b: check_audio, variation, inpaint, extend)
    return MousaiPipeline.from_pretrained(pipeline_dir, device="cpu")

@PROPS
@given(audio=st.one_of(tensors(max_len=3000, channels=(1, 3)),
                       st.just([[0.0] * 2048] * 2), st.just("music"), st.none()),
       sr=st.sampled_from([None, 48000, 24000, 0, -5, 1.5]))
def test_pipeline_check_audio(pipe, audio, sr):
    a = works_or_refuses(lambda: pipe.check_audio(audio, sr))
    if a is not None: assert a.ndim == 3 and a.shape[1] == 2 and torch.isfinite(a).all()

@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(audio=tensors(max_len=2600, channels=(2, 2), ndims=(2, 3)),
       strength=st.sampled_from([0.3, 1.0, -0.1, math.nan]))
def test_pipeline_variation(pipe, audio, strength):
    out = works_or_refuses(lambda: pipe.variation(audio, "piano", strength=strength,
                                                  num_steps=1, decode_steps=1))
    if out is not None: assert (out.shape == (audio.shape[0] if audio.ndim == 3 else 1, 2, audio.shape[-1])
                                and torch.isfinite(out).all())
