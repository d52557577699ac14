"""The chapter-09 probe on reconstructions of the 64 labelled clips by the shipped magnitude decoder and by
spectral-convergence fine-tunes (`stage1_sc_finetune.py`, gain recalibrated as in `stage1_sc_eval.py`), at
several seeds of the decoder's random numbers: is a change of family accuracy larger than the seed's spread?
Run from the data folder:
python .../stage1_sc_seeds.py --runs ft --names shipped w0 w10b --seeds 0 1 2 --out F
(--phase random:16 decodes from random phase with 16 Griffin-Lim iterations instead of the model's default)"""
import argparse, glob, json, random
from pathlib import Path
import torch, soundfile as sf
torch.set_num_threads(1)
from safetensors.torch import load_file
from mousai.autoencoder import load_pretrained_dmae
from mousai.autoencoder_training import calibrate_gain
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions

p = argparse.ArgumentParser()
p.add_argument("--runs", default="ft"); p.add_argument("--names", nargs="+", required=True)
p.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
p.add_argument("--crops", default="crops"); p.add_argument("--out", required=True)
p.add_argument("--phase", default=None, help="INIT:ITERS of Griffin-Lim (default: the model's config)")
a = p.parse_args()
files = sorted(glob.glob(f"{a.crops}/*.ogg")); random.Random(0).shuffle(files)
calibration = [torch.from_numpy(sf.read(f, dtype="float32", always_2d=True)[0].T[:, :65536].copy())
               for f in files[:64]]
probe = load_probe()
pw, attrs = load_labeled_set("probe2", seconds=3.989, limit=64)
pw = crop_or_pad(pw, 187 * 1024)
gl = {} if a.phase is None else dict(griffin_lim_init=a.phase.split(":")[0],
                                     griffin_lim_iters=int(a.phase.split(":")[1]))
rows = []
with torch.no_grad():
    for name in a.names:
        d = load_pretrained_dmae().eval()
        if name != "shipped":
            m = d.magnitude_decoder
            state = load_file(f"{a.runs}/{name}.safetensors")
            m.load_state_dict({k: v.to(m.state_dict()[k].dtype) for k, v in state.items()})
            calibrate_gain(d, calibration)
        for seed in a.seeds:
            fn = lambda w: d.reconstruct(w, generator=torch.Generator().manual_seed(seed), **gl)
            res = probe_on_reconstructions(probe, fn, pw, attrs)
            fd = probe_frechet(probe, pw, torch.cat([fn(w) for w in pw.split(8)]))
            rows.append({"name": name, "seed": seed, "phase": a.phase or "default", "frechet": fd,
                         **{k: v["reconstruction"] for k, v in res.items()}})
            print(json.dumps(rows[-1]), flush=True)
Path(a.out).write_text(json.dumps(rows, indent=1))
