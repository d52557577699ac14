"""Steps-to-quality of the shipped generator (stage 2): the pipeline's samplers at several step counts against
a 200-step DDIM reference from the same noise. Per setting: the latent's relative error to the reference,
the chapter-09 probe's adherence and Fréchet distance to real clips, the probe's agreement with the
reference's predictions (paired), the median notes-that-move score, and the sampling time."""
import argparse, json, time
from pathlib import Path
import numpy as np, torch
torch.set_num_threads(1)
from mousai.sampling import sample_dpmpp_2m, register_sampler, sigma_schedule

def dpmpp2m_linear(denoise_fn, noise, num_steps, **kw):
    "DPM-Solver++(2M) on DDIM's linear σ schedule instead of its own quadratic one."
    return sample_dpmpp_2m(denoise_fn, noise, None, sigmas=sigma_schedule(num_steps, "linear"), **kw)
register_sampler("dpmpp2m-linear", dpmpp2m_linear)
from mousai.generator import generate_latents, load_generator_text_encoder
from mousai.pipeline import MousaiPipeline
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet, text_adherence
from mousai.musicality import paraphrased_prompts, notes_that_move
p = argparse.ArgumentParser()
p.add_argument("--n", type=int, default=64); p.add_argument("--guidance", type=float, default=5.0)
p.add_argument("--settings", nargs="+", default=["ddim:10", "ddim:20", "ddim:30", "ddim:50",
                                                  "dpmpp2m:10", "dpmpp2m:15", "dpmpp2m:20", "dpmpp2m:30"])
p.add_argument("--reference", default="ddim:200"); p.add_argument("--real", default="probe2")
p.add_argument("--ref-cache", default="", help="a file that keeps the reference latents between runs")
p.add_argument("--out", required=True)
a = p.parse_args()
pipe = MousaiPipeline.from_pretrained()
gen, dmae = pipe.latent_model, pipe.dmae
enc, probe = load_generator_text_encoder(gen), load_probe()
FRAMES = 187                                                     # 3.99 s, the probe's clip length
prompts, requests = paraphrased_prompts(a.n, seed=0)
real, _ = load_labeled_set(a.real, seconds=FRAMES * 1024 / 48000)

def run(setting):
    sampler, steps = setting.split(":")
    t0 = time.process_time()
    z = generate_latents(gen, enc, prompts, FRAMES, num_steps=int(steps), guidance_scale=a.guidance,
                         sampler=sampler, generator=torch.Generator().manual_seed(0), batch_size=16)
    t_gen = time.process_time() - t0
    w = torch.cat([dmae.decode(zz, generator=torch.Generator().manual_seed(0)) for zz in z.split(8)])
    return z, w, t_gen

if a.ref_cache and Path(a.ref_cache).exists(): zr, wr, tr = torch.load(a.ref_cache)
else:
    zr, wr, tr = run(a.reference)
    if a.ref_cache: torch.save((zr, wr, tr), a.ref_cache)
pred_ref = probe.predict(wr)
rows = []
for s in [a.reference] + a.settings:
    z, w, t_gen = (zr, wr, tr) if s == a.reference else run(s)
    pred = probe.predict(w)
    row = dict(setting=s, sampler=s.split(":")[0], steps=int(s.split(":")[1]),
               latent_rel_err=float((z - zr).norm() / zr.norm()),
               **{k: r["adherence"] for k, r in text_adherence(probe, w, requests).items()},
               agree_with_reference=float(np.mean([pa == pb for k in pred
                                                   for pa, pb in zip(pred[k], pred_ref[k])])),
               frechet=probe_frechet(probe, real, w),
               notes_that_move=float(np.median([notes_that_move(x)["score"] for x in w])),
               sample_cpu_s=round(t_gen, 1))
    rows.append(row); print(json.dumps(row), flush=True)
    Path(a.out).write_text(json.dumps({"n_prompts": a.n, "guidance": a.guidance, "frames": FRAMES,
                                       "reference": a.reference, "rows": rows}, indent=1))
