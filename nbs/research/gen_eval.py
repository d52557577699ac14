"""Evaluate a generator (stage 2) end to end with the chapter-09 measures: prompts worded unlike the captions,
guidance curve, caption-worded row, tempo following, notes that move, probe Fréchet against real-vs-real."""
import argparse, json, time
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.autoencoder import DMAE, load_pretrained_dmae
from mousai.spectrogram import GRIFFIN_LIM_CHANNELS
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet, text_adherence
from mousai.musicality import (paraphrased_prompts, caption_prompts, guidance_curve, notes_that_move,
    tempo_following)
p = argparse.ArgumentParser()
p.add_argument("--model", required=True); p.add_argument("--dmae", default="")
p.add_argument("--method", default=None); p.add_argument("--n", type=int, default=64)
p.add_argument("--guidances", nargs="+", type=float, default=[1, 3, 5])
p.add_argument("--real", default="probe2"); p.add_argument("--real2", default="heldout")
p.add_argument("--seed", type=int, default=0, help="the noise seed of generation and decoding")
p.add_argument("--at", type=float, default=3.0,
               help="the guidance of the prompt-wording row, tempo following and notes that move")
p.add_argument("--sampler", default="ddim", help="a registered sampler; ddim-eta<η>: research/ancestral.py")
p.add_argument("--negative", default=None, help="a negative prompt for every generation (default: none)")
p.add_argument("--bpm", action="store_true", help="append the asked BPM to every paraphrased prompt, as the "
               "training captions name it (\", 104 BPM\")")
p.add_argument("--channels", choices=GRIFFIN_LIM_CHANNELS, help="Griffin-Lim's phase per channel "
               "(default: the DMAE's config)")
p.add_argument("--out", required=True)
a = p.parse_args()
if a.sampler.startswith("ddim-eta"):
    import ancestral  # noqa: F401 (registers the stochastic DDIM samplers)
gen = LatentGenerator.from_pretrained(a.model).eval()
dmae = DMAE.from_pretrained(a.dmae) if a.dmae else load_pretrained_dmae()
if a.channels: dmae.config.griffin_lim_channels = a.channels
enc, probe = load_generator_text_encoder(gen), load_probe()
FRAMES = 187                                                     # 3.99 s, the probe's clip length
cache = {}
def generate(prompts, s):
    key = (tuple(prompts), s)
    if key not in cache:
        z = generate_latents(gen, enc, prompts, FRAMES, num_steps=30, guidance_scale=s, sampler=a.sampler,
                             negative_prompt=a.negative,
                             generator=torch.Generator().manual_seed(a.seed), batch_size=16)
        cache[key] = torch.cat([dmae.decode(zz, a.method, generator=torch.Generator().manual_seed(a.seed))
                                for zz in z.split(8)])
    return cache[key]
real, real_rows = load_labeled_set(a.real, seconds=FRAMES * 1024 / 48000)
real2, _ = load_labeled_set(a.real2, seconds=FRAMES * 1024 / 48000)
out = {"model": a.model, "seed": a.seed, "at": a.at, "sampler": a.sampler, "negative": a.negative,
       "bpm": a.bpm, "decoder": a.method or dmae.config.decode_method, "n_prompts": a.n,
       "griffin_lim_channels": dmae.config.griffin_lim_channels,
       "detail_gain": dmae.magnitude_decoder.config.detail_gain if dmae.magnitude_decoder else None,
       "real_vs_real_frechet": probe_frechet(probe, real, real2),
       "real_notes_that_move": [notes_that_move(w)["score"] for w in real2],
       "real_tempo_following": tempo_following(real2, load_labeled_set(a.real2, seconds=FRAMES * 1024
                                                                       / 48000)[1])["pearson_r"]}
print({k: v for k, v in out.items() if k != "real_notes_that_move"}, flush=True)
prompts, requests = paraphrased_prompts(a.n, seed=0)
if a.bpm: prompts = [f"{q}, {r['bpm']:g} BPM" for q, r in zip(prompts, requests)]
t0 = time.process_time()
out["guidance_curve"] = guidance_curve(generate, prompts, requests, probe, real, guidances=a.guidances)
print(json.dumps(out["guidance_curve"]), flush=True)
cp, cr = caption_prompts(48, seed=7)
w = generate(cp, a.at)
out["prompt_wording"] = [{"prompts": "paraphrased (unlike the captions)", "n": a.n,
                          **{k: v for k, v in next(r for r in out["guidance_curve"]
                                                   if r["guidance"] == a.at).items()
                             if k in ("family", "style", "tempo", "mode")}},
                         {"prompts": "worded like the training captions", "n": 48,
                          **{k: v["adherence"] for k, v in text_adherence(probe, w, cr).items()}}]
g3 = generate(prompts, a.at)
tf = tempo_following(g3, requests)
out["tempo_following"] = {"pearson_r": tf["pearson_r"], "estimated": tf["estimated"],
                          "requested": tf["requested"]}
out["notes_that_move"] = [notes_that_move(x)["score"] for x in g3]
out["eval_cpu_min"] = (time.process_time() - t0) / 60
Path(a.out).write_text(json.dumps(out, indent=1))
print("done", out["eval_cpu_min"], flush=True)
