"""Add the CPU follow-up of chapter 07c §8 to `results/stage1_sc_gpu.json`: fine-tunes of decoder A by
`stage1_sc_finetune.py` on one CPU thread (W = 3, 30 wall-minutes each, two at a time on two cores:
batch 64 in fp32, and batch 8 under bf16 autocast with BF16=1), scored by `stage1_sc_eval.py` and
`stage1_sc_seeds.py` beside A itself (its decoder saved as `A.safetensors` in the same folder), the probe
from the model's own phase start (PGHI + 4) and from random phase (`--phase random:16`, section 5's decoding).
usage (from nbs/): research/stage1_sc_cpu_json.py RUNS_DIR EVAL --seeds S…
       [--into results/stage1_sc_gpu.json]"""
import argparse, json
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("runs"); p.add_argument("eval"); p.add_argument("--seeds", nargs="+", required=True)
p.add_argument("--into", default="results/stage1_sc_gpu.json")
a = p.parse_args()
keep = ("name", "w", "batch", "lr", "steps", "minutes", "crops", "device", "bf16", "curve")
out = json.loads(Path(a.into).read_text())
out["cpu_followup"] = dict(
    setup="from decoder A on one CPU thread, W = 3, lr 2e-4, 30 wall-minutes each, two runs at a time on two "
          "cores, scored like the GPU runs (PGHI + 4 iterations), A re-scored in the same call",
    runs=[{k: r[k] for k in keep}
          for r in (json.loads(f.read_text()) for f in sorted(Path(a.runs).glob("*.json")))],
    rows=[r for r in json.loads(Path(a.eval).read_text()) if r["set"] != "probe"],
    probe_seeds=[dict(r, phase=r.get("phase", "default").replace("default", "pghi:4"))
                 for f in a.seeds for r in json.loads(Path(f).read_text())])
Path(a.into).write_text(json.dumps(out, indent=1) + "\n")
print("added cpu_followup to", a.into, [r["name"] for r in out["cpu_followup"]["runs"]])
