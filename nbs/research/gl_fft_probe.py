"""The chapter-09 probe on reconstructions of 64 labelled clips by the shipped default decoder, with
Griffin-Lim at FFT size FFT and the decoder's random numbers seeded by SEED (the probe's seed-to-seed noise).
usage: gl_fft_probe.py FFT SEED PROBE_SET"""
import sys, json, torch
torch.set_num_threads(1)
from mousai.autoencoder import load_pretrained_dmae
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
fft, seed = int(sys.argv[1]), int(sys.argv[2])
T = 187 * 1024
d = load_pretrained_dmae().eval(); d.config.griffin_lim_fft = fft
probe = load_probe()
waves, attrs = load_labeled_set(sys.argv[3], seconds=3.989, limit=64)
waves = crop_or_pad(waves, T)
fn = lambda w: d.reconstruct(w, generator=torch.Generator().manual_seed(seed))
with torch.no_grad():
    res = probe_on_reconstructions(probe, fn, waves, attrs)
    fd = probe_frechet(probe, waves, torch.cat([fn(w) for w in waves.split(8)]))
print(json.dumps({"fft": fft, "seed": seed, "frechet": fd,
                  **{k: v["reconstruction"] for k, v in res.items()}}))
