"""Collect chapter 07c §8: the GPU fine-tunes of `stage1_sc_gpu.sh` (their JSON logs), their scores from
`stage1_sc_eval.py` (EVALS: one or more output files), the probe at three seeds from `stage1_sc_seeds.py`
(SEEDS), and the new default after shipping (`--shipped EVAL SEEDS`: the same two scripts on the packaged
model, float16 weights).
usage (from nbs/): research/stage1_sc_gpu_json.py RUNS_DIR --evals E… --seeds S… [--shipped E S] --out F"""
import argparse, json
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("runs"); p.add_argument("--evals", nargs="+", required=True)
p.add_argument("--seeds", nargs="+", required=True); p.add_argument("--shipped", nargs=2)
p.add_argument("--out", default="results/stage1_sc_gpu.json")
a = p.parse_args()
runs = [json.loads(f.read_text()) for f in sorted(Path(a.runs).glob("gw*.json"))]
rows = [r for f in a.evals for r in json.loads(Path(f).read_text())]
seeds = [r for f in a.seeds for r in json.loads(Path(f).read_text())]
out = dict(setup="a lent GPU, four runs in parallel, 6 wall-minutes each, from the previously shipped "
                 "magnitude decoder (decoder A of section 5): random 2^16-sample crops of the 1,040 crops of "
                 "stage1_gpu_crops.py, AdamW (0.9, 0.99), 100 warmup steps, cosine to 10 %, EMA 0.999, bf16 "
                 "autocast for the v-loss, fp32 for the spectral-convergence term; gain recalibrated on 64 "
                 "shuffled crops; scored on the CPU on the clips of stage1_eval.py (Griffin-Lim from PGHI, 4 "
                 "iterations, for every decoder) and the probe on reconstructions of 64 labelled clips",
           runs=[{k: r[k] for k in ("name", "w", "batch", "lr", "steps", "minutes", "crops", "device",
                                    "curve")} for r in runs],
           rows=[r for r in rows if r["set"] != "probe"], probe=[r for r in rows if r["set"] == "probe"],
           probe_seeds=seeds)
if a.shipped:
    ev, sd = (json.loads(Path(f).read_text()) for f in a.shipped)
    out["new_default"] = dict(rows=[r for r in ev if r["set"] != "probe"],
                              probe_seeds=[dict(r, name="new default") for r in sd])
Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
print("wrote", a.out, len(out["runs"]), "runs", len(out["rows"]), "rows", len(seeds), "seed rows")
