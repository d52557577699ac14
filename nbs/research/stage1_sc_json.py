"""Collect the spectral-convergence fine-tunes (`stage1_sc_finetune.py`) and their scores
(`stage1_sc_eval.py`) into one results file for chapter 07c §5.
usage (from nbs/): python research/stage1_sc_json.py RUNS OUT.json EVAL.json… [--init NAME=INIT…] [--seeds F…]
RUNS holds each run's NAME.json; --init names the run a fine-tune continued (e.g. w3b=w3)."""
import argparse, json
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("runs"); p.add_argument("out"); p.add_argument("evals", nargs="+")
p.add_argument("--init", nargs="*", default=[])
p.add_argument("--seeds", nargs="*", default=[], help="outputs of stage1_sc_seeds.py")
a = p.parse_args()
init = dict(kv.split("=") for kv in a.init)
rows = [r for f in a.evals for r in json.loads(Path(f).read_text())]
names = [n for n in dict.fromkeys(r["name"] for r in rows) if n not in ("head", "shipped")]
runs = []
for n in names:
    r = json.loads((Path(a.runs) / f"{n}.json").read_text())
    runs.append({"name": n, "w": r["w"], "init": init.get(n, "shipped"), "steps": r["steps"],
                 "batch": r["batch"], "lr": r["lr"], "minutes": round(r["minutes"], 2), "crops": r["crops"],
                 "curve": r["curve"]})
keys = {r["name"]: (r["init"] != "shipped", r["batch"], r["w"]) for r in runs}
order = lambda n: (n != "head", n != "shipped", *keys.get(n, ()))
runs.sort(key=lambda r: order(r["name"])); rows.sort(key=lambda r: order(r["name"]))
SETUP = ("one CPU thread each, wall-time budget, from the shipped decoder (or from --init), batch 8 (or the "
         "run's `batch`) random 2^16-sample crops of the 1,040 crops of stage1_gpu_crops.py, AdamW "
         "(0.9, 0.99), "
         "100 warmup steps, cosine to 10 %, EMA 0.999; gain recalibrated on 64 shuffled crops; scored on the "
         "clips of stage1_eval.py and the probe on reconstructions of 64 labelled clips")
out = {"setup": SETUP,
       "runs": runs, "rows": [r for r in rows if r["set"] != "probe"],
       "probe": [r for r in rows if r["set"] == "probe"],
       "probe_seeds": [r for f in a.seeds for r in json.loads(Path(f).read_text())]}
Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
print(f"{len(runs)} runs, {len(out['rows'])} rows, {len(out['probe'])} probe rows → {a.out}")
