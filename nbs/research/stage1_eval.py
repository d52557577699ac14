"""Score stage-1 decoders on held-out builder clips and real-music crops
(same clips, same code for every row)."""
import argparse, json, time
from pathlib import Path

import torch
import torch.nn as nn
torch.set_num_threads(1)
from mousai.autoencoder import load_pretrained_dmae
from mousai.reconstruction import reconstruction_scores, baseline_reconstructions
from mousai.unet import UNet1d, UNetConfig
from mousai.diffusion import sample
from mousai.spectrogram import griffin_lim
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from heldout_real import real_tracks
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions

p = argparse.ArgumentParser()
p.add_argument("--decoders", nargs="*", default=[])
p.add_argument("--steps", nargs="*", type=int, default=[10])
p.add_argument("--gl-iters", type=int, default=16)
p.add_argument("--heldout", default="data/heldout")
p.add_argument("--real", default="data/real")
p.add_argument("--n-real", type=int, default=16)
p.add_argument("--probe-set", default="")
p.add_argument("--n-probe", type=int, default=64)
p.add_argument("--baselines", action="store_true")
p.add_argument("--out", required=True)
args = p.parse_args()

dmae = load_pretrained_dmae().eval()
stft, C, BINS = dmae.encoder.stft, dmae.config.channels, dmae.encoder.bins
SECONDS, L = 3.989, 187
T = L * 1024

def load_builder(folder, n):
    recs = scan_audio_folder(folder)[0][:n]
    return torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0) for r in recs])

def load_real(folder, n):
    out = []
    for r in real_tracks(folder)[:n]:
        w = load_audio(r.path, 48000, 2)
        mid = w.shape[-1] // 2
        out.append(w[:, mid - T // 2: mid - T // 2 + T])
    return torch.stack(out)

def energy_match(y, mag):
    e = lambda m: m.pow(2).sum((-2, -1)).sqrt()
    return y * (e(mag) / e(stft.magnitude(y)).clamp(min=1e-8))[..., None]

def gl(mag, seed=0):
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        y = griffin_lim(mag, length=mag.shape[-1] * 256, n_iter=args.gl_iters, stft=stft)
    return energy_match(y, mag)

class Net(nn.Module):
    def __init__(self, unet, inp=None): super().__init__(); self.unet, self.inp = unet, inp
    def forward(self, x, sigma, inject=None, cond=None):
        if cond is not None: x = torch.cat([x, cond], 1)
        if self.inp is not None: x = self.inp(x)
        return self.unet(x, sigma, inject=inject)

def load_decoder(path):
    ck = torch.load(path, weights_only=False)
    cfg = UNetConfig(**{k: v for k, v in ck["unet"].items()})
    v = ck["variant"]
    inp = nn.Conv1d(C * BINS * (2 if v == "b2" else 1), ck["inproj"], 1) if v not in ("a", "c") else None
    net = Net(UNet1d(cfg), inp); net.load_state_dict(ck["state"]); net.eval()
    return v, net, ck["stats"], ck

@torch.no_grad()
def decode(variant, model, stats, wave, steps, seed=0):
    z = dmae.encode(wave)
    head = dmae.magnitude_head(z)
    B, _, Fq, M = head.shape
    hf = head.reshape(B, C * Fq, M)
    g = torch.Generator().manual_seed(seed)
    nh = (hf - stats["mean"][:, None]) / stats["std"][:, None]
    if variant in ("b1", "b2"):
        noise = torch.randn(B, C * Fq, M, generator=g)
        if variant == "b1":
            x = sample(model, noise, num_steps=steps, sampler="ddim", inject=z)
            log = x * stats["std"][:, None] + stats["mean"][:, None]
        else:
            x = sample(model, noise, num_steps=steps, sampler="ddim", inject=z, cond=nh)
            log = hf + x * stats["res_std"][:, None]
        mag = log.clamp(max=20).exp().reshape(B, C, Fq, M)
        return gl(mag, seed)
    if variant == "a":                    # the paper's decoder through DMAE.decode, the U-Net swapped in
        dmae.decoder = model.unet
        return dmae.decode(z, "diffusion", num_steps=steps, generator=g, length=wave.shape[-1])
    noise = torch.randn(B, C, M * 256, generator=g)
    x = sample(model, noise, num_steps=steps, sampler="ddim", inject=nh)
    return dmae.from_diffusion(x)

@torch.no_grad()
def head_gl(wave, seed=0):
    z = dmae.encode(wave)
    return gl(dmae.magnitude(z), seed)

sets = {"builder": load_builder(args.heldout, 16), "real": load_real(args.real, args.n_real)}
print({k: tuple(v.shape) for k, v in sets.items()}, flush=True)
rows = []
def score(name, fn, extra=None):
    for sname, waves in sets.items():
        t0 = time.process_time()
        est = torch.cat([fn(w) for w in waves.split(4)])
        r = {"set": sname, "method": name, **reconstruction_scores(est, waves),
             "cpu_s": time.process_time() - t0, **(extra or {})}
        rows.append(r); print(json.dumps(r), flush=True)

if args.baselines:
    for sname, waves in sets.items():
        torch.manual_seed(0)
        for name, est in baseline_reconstructions(waves).items():
            r = {"set": sname, "method": name, **reconstruction_scores(est, waves)}
            rows.append(r); print(json.dumps(r), flush=True)
    score("head + Griffin-Lim", head_gl)
    with torch.no_grad():
        score("(a) waveform diffusion, shipped before (2,000 steps), DDIM 10",
              lambda w: dmae.reconstruct(w, method="diffusion", num_steps=10,
                                         generator=torch.Generator().manual_seed(0)))
decs = {}
for path in args.decoders:
    variant, model, stats, ck = load_decoder(path)
    decs[path] = (variant, model, stats)
    for s in args.steps:
        score(f"({variant}) {ck['steps']} steps / {ck['cpu_minutes']:.1f} CPU-min, DDIM {s}",
              lambda w: decode(variant, model, stats, w, s), {"variant": variant, "sampler_steps": s})

probe_rows = []
if args.probe_set:
    probe = load_probe()
    waves, attrs = load_labeled_set(args.probe_set, seconds=SECONDS, limit=args.n_probe)
    waves = crop_or_pad(waves, T)
    fns = {"head + Griffin-Lim": head_gl}
    for path, (variant, model, stats) in decs.items():
        fns[f"({variant}) DDIM {args.steps[0]}"] = \
            (lambda v, m, st: (lambda w: decode(v, m, st, w, args.steps[0])))(variant, model, stats)
    for name, fn in fns.items():
        res = probe_on_reconstructions(probe, fn, waves, attrs)
        rec = torch.cat([fn(w) for w in waves.split(8)])
        fd = probe_frechet(probe, waves, rec)
        r = {"method": name, "frechet": fd, **{k: v["reconstruction"] for k, v in res.items()},
             "original": {k: v["original"] for k, v in res.items()}}
        probe_rows.append(r); print(json.dumps(r), flush=True)
Path(args.out).write_text(json.dumps({"rows": rows, "probe": probe_rows}, indent=1))
