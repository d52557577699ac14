"""Guidance interval (Kynkäänniemi et al. 2024): classifier-free guidance only for σ in (lo, hi], the plain
conditional model elsewhere. Scored like gen_eval.py (64 paraphrased prompts, seed 0, 30 DDIM steps, the
default decoder, probe Fréchet against PROBE_SET). (0, 1] is ordinary guidance. Rows are appended to OUT.
usage: guidance_interval.py MODEL PROBE_SET OUT lo,hi,scale [lo,hi,scale ...]
(chapter 11 §6: 0,1,3 0.17,0.88,3 0.17,0.88,5 0.33,0.94,5 0,0.88,5 0.17,0.88,8 0,1,5)"""
import json, sys
from pathlib import Path
import torch
torch.set_num_threads(1)
import mousai.generator as G
import mousai.sampling as S
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.autoencoder import load_pretrained_dmae
from mousai.evaluation import load_probe, load_labeled_set
from mousai.musicality import paraphrased_prompts, guidance_curve
IV = [0.0, 1.0]
def guided_interval(net, cond, uncond, scale):
    full = S.guided_denoiser(net, cond, uncond, scale)
    def denoise(x, sigma):
        s = float(sigma.flatten()[0])
        if IV[0] < s <= IV[1]: return full(x, sigma)
        return net(x, sigma, **cond)
    return denoise
G.guided_denoiser = guided_interval
model, probe_set, out = sys.argv[1:4]
gen = LatentGenerator.from_pretrained(model).eval()
dmae, probe = load_pretrained_dmae(), load_probe()
enc = load_generator_text_encoder(gen)
FRAMES = 187
def generate(prompts, s):
    z = generate_latents(gen, enc, prompts, FRAMES, num_steps=30, guidance_scale=s,
                         generator=torch.Generator().manual_seed(0), batch_size=16)
    return torch.cat([dmae.decode(zz, generator=torch.Generator().manual_seed(0)) for zz in z.split(8)])
real, _ = load_labeled_set(probe_set, seconds=FRAMES * 1024 / 48000)
prompts, requests = paraphrased_prompts(64, seed=0)
rows = json.loads(Path(out).read_text()) if Path(out).exists() else []
for spec in sys.argv[4:]:
    lo, hi, s = map(float, spec.split(","))
    IV[:] = [lo, hi]
    row = guidance_curve(generate, prompts, requests, probe, real, guidances=[s])[0]
    rows.append({"model": model, "lo": lo, "hi": hi, **row})
    print(json.dumps(rows[-1]), flush=True)
    Path(out).write_text(json.dumps(rows, indent=1))
