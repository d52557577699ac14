"""Add a `gen_eval.py` run's guidance curve (and its prompt-wording rows) to `results/generator_eval.json`
under KEY, beside the curve chapter 10 §13 shows first, e.g. the same curve decoded by today's `dmae-tiny`.
usage (from nbs/): research/guidance_curve_json.py F [--key guidance_curve_sc]
                   [--into results/generator_eval.json]"""
import argparse, json
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("file"); p.add_argument("--key", default="guidance_curve_sc")
p.add_argument("--into", default="results/generator_eval.json")
a = p.parse_args()
run, ev = json.loads(Path(a.file).read_text()), json.loads(Path(a.into).read_text())
ev[a.key] = {k: run[k] for k in ("decoder", "seed", "at", "sampler", "n_prompts", "real_vs_real_frechet",
                                 "guidance_curve", "prompt_wording")}
# newer runs also name their phase retrieval and post-filter, and keep the beat tracker's estimates
ev[a.key].update({k: run[k] for k in ("griffin_lim_channels", "detail_gain", "tempo_following") if k in run})
Path(a.into).write_text(json.dumps(ev, indent=1))
print("added", a.key, "to", a.into, [r["guidance"] for r in run["guidance_curve"]])
