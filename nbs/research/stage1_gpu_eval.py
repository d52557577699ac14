"""Score the GPU runs of the magnitude diffusion decoder (`stage1_gpu.py`) through the library's own `decode`,
on the clips of `stage1_eval.py` (16 held-out builder clips, 16 crops from the middle of held-out real
tracks), and the chapter-09 probe on reconstructions of 64 labelled clips. A name "head" scores the
magnitude head + Griffin-Lim, "shipped" the default decoder of the shipped dmae-tiny.
usage: stage1_gpu_eval.py --runs RUN_DIR --names head shipped A B C --steps 1 2 10
       --probe-names head shipped A --heldout data/heldout --real data/real --probe-set data/probe2
       --out gpu_eval.json"""
import argparse, json, sys
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from safetensors.torch import load_file
from mousai.autoencoder import load_pretrained_dmae
from mousai.dmae_parts import MagnitudeDiffusionConfig
from mousai.autoencoder_training import _add_magnitude_decoder
from mousai.reconstruction import reconstruction_scores
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
from heldout_real import real_tracks

p = argparse.ArgumentParser()
p.add_argument("--runs", default="out"); p.add_argument("--names", nargs="*", default=[])
p.add_argument("--steps", nargs="*", type=int, default=[1])
p.add_argument("--probe-names", nargs="*", default=[])
p.add_argument("--heldout", default="data/heldout"); p.add_argument("--real", default="data/real")
p.add_argument("--probe-set", default="data/probe2"); p.add_argument("--out", required=True)
a = p.parse_args()
T = 187 * 1024                                                     # 3.99 s, as stage1_eval.py

def middle(w): return w[:, w.shape[-1] // 2 - T // 2: w.shape[-1] // 2 - T // 2 + T]
sets = {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0)
                                for r in scan_audio_folder(a.heldout)[0][:16]]),
        "real": torch.stack([middle(load_audio(r.path, 48000, 2)) for r in real_tracks(a.real)[:16]])}

def dmae_for(name):
    "The shipped dmae-tiny, or it with the decoder of GPU run `name` (no gain: as trained)."
    d = load_pretrained_dmae().eval()
    if name in ("head", "shipped"): return d
    meta = json.load(open(f"{a.runs}/{name}.json"))
    _add_magnitude_decoder(d, MagnitudeDiffusionConfig(**meta["config"]))
    m = d.magnitude_decoder
    state = load_file(f"{a.runs}/{name}.safetensors")
    m.load_state_dict({k: v.to(m.state_dict()[k].dtype) for k, v in state.items()})
    return d.eval()

def decoders(name):
    "(label, reconstruct function) for each step count of `name`."
    d = dmae_for(name)
    rec = lambda **kw: (lambda w: d.reconstruct(w, generator=torch.Generator().manual_seed(0), **kw))
    if name == "head": return [("head + Griffin-Lim", rec(method="griffin-lim"))]
    if name == "shipped": return [("magnitude diffusion (shipped default)", rec())]
    return [(f"{name}, DDIM {s}", rec(method="magnitude-diffusion", num_steps=s)) for s in a.steps]

rows, probe_rows = [], []
with torch.no_grad():
    for name in a.names:
        for label, fn in decoders(name):
            for s, waves in sets.items():
                est = torch.cat([fn(w) for w in waves.split(4)])
                rows.append({"set": s, "method": label, **reconstruction_scores(est, waves)})
                print(json.dumps(rows[-1]), flush=True)
    if a.probe_names:
        probe = load_probe()
        waves, attrs = load_labeled_set(a.probe_set, seconds=3.989, limit=64)
        waves = crop_or_pad(waves, T)
        for name in a.probe_names:
            label, fn = decoders(name)[0]
            res = probe_on_reconstructions(probe, fn, waves, attrs)
            fd = probe_frechet(probe, waves, torch.cat([fn(w) for w in waves.split(8)]))
            probe_rows.append({"method": label, "frechet": fd,
                               **{k: v["reconstruction"] for k, v in res.items()}})
            print(json.dumps(probe_rows[-1]), flush=True)
Path(a.out).write_text(json.dumps({"rows": rows, "probe": probe_rows}, indent=1))
