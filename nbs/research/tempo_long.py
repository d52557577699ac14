"""Tempo following measured on longer clips: the beat tracker's estimates on 4 s clips are often an octave
off, so real clips reach a Pearson r of only about a third there. This scores real builder clips (REAL, a
folder built with `--seconds 12` or longer) and the generator's clips of the paraphrased prompts at 4 s
(their first 3.99 s) and at the full length, with white noise and a static drone as the failing references.
usage (from the data folder): tempo_long.py --model DIR --real REAL --seed S [--seconds 12] [--skip-real]
       --out F
(the real clips, noise and drone are scored once, with seed 0; --skip-real for the other seeds)"""
import argparse, json, time
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.autoencoder import load_pretrained_dmae
from mousai.evaluation import load_labeled_set
from mousai.musicality import paraphrased_prompts, tempo_following

p = argparse.ArgumentParser()
p.add_argument("--model", required=True); p.add_argument("--real", required=True)
p.add_argument("--seed", type=int, default=0); p.add_argument("--seconds", type=float, default=12.0)
p.add_argument("--guidance", type=float, default=5.0); p.add_argument("--n", type=int, default=64)
p.add_argument("--skip-real", action="store_true"); p.add_argument("--out", required=True)
a = p.parse_args()
dmae = load_pretrained_dmae()
hop = dmae.config.downsample_factor                            # audio samples per latent frame
SR, SHORT = 48000, 187 * hop                                   # 3.99 s: the probe's clip length
frames = int(round(a.seconds * SR / hop))
out = dict(model=a.model, seed=a.seed, guidance=a.guidance, seconds=frames * hop / SR, n_prompts=a.n,
           short_seconds=SHORT / SR)
t0 = time.process_time()
if not a.skip_real:
    real, rows = load_labeled_set(a.real, seconds=frames * hop / SR)
    out["real"] = {"long": tempo_following(real, rows), "short": tempo_following(real[..., :SHORT], rows)}
    g = torch.Generator().manual_seed(0)
    noise = 0.1 * torch.randn(len(rows), 2, real.shape[-1], generator=g)
    t = torch.arange(real.shape[-1]) / SR
    drone = sum(torch.sin(2 * torch.pi * f * t) for f in (110, 220, 330, 440)) / 8
    drone = drone + 0.02 * torch.randn(len(rows), 2, real.shape[-1], generator=g)
    out["noise"] = {"long": tempo_following(noise, rows)}
    out["drone"] = {"long": tempo_following(drone, rows)}
    print({k: {s: v[s]["pearson_r"] for s in v} for k, v in out.items() if isinstance(v, dict)}, flush=True)
gen = LatentGenerator.from_pretrained(a.model).eval()
enc = load_generator_text_encoder(gen)
prompts, requests = paraphrased_prompts(a.n, seed=0)
z = generate_latents(gen, enc, prompts, frames, num_steps=30, guidance_scale=a.guidance,
                     generator=torch.Generator().manual_seed(a.seed), batch_size=16)
with torch.no_grad():
    waves = torch.cat([dmae.decode(zz, generator=torch.Generator().manual_seed(a.seed)) for zz in z.split(8)])
out["generated"] = {"long": tempo_following(waves, requests),
                    "short": tempo_following(waves[..., :SHORT], requests)}
out["cpu_min"] = (time.process_time() - t0) / 60
print({s: out["generated"][s]["pearson_r"] for s in ("long", "short")}, out["cpu_min"], flush=True)
Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
