"""Gather a fine-tune of the shipped generator (`stage2_gpu.py ... INIT`, e.g. on one CPU thread) and its
`gen_eval.py --guidances 3 --seed S` scores into nbs/results/generator_gpu.json (`cpu_finetune`), for
chapter 10 §13.
usage: stage2_ft_json.py RUN.json EVAL_SEED0.json [EVAL_SEED1.json ...] OUT.json"""
import json, sys
from pathlib import Path
run, evals, out = json.loads(Path(sys.argv[1]).read_text()), sys.argv[2:-1], Path(sys.argv[-1])
seeds = []
for f in evals:
    e = json.loads(Path(f).read_text())
    g3 = next(r for r in e["guidance_curve"] if r["guidance"] == 3.0)
    seeds.append({"seed": e["seed"], **{k: g3[k] for k in ("family", "style", "tempo", "frechet", "tempo_r",
                                                             "notes_that_move")}})
keep = ("steps", "batch", "lr", "frames", "minutes", "clips", "held_out", "best_step", "best_val_loss",
        "curve")
doc = json.loads(out.read_text())
doc["cpu_finetune"] = {"init": "mousai/pretrained/generator-tiny", "device": "one CPU thread",
                       **{k: run[k] for k in keep}, "seeds": seeds}
out.write_text(json.dumps(doc, indent=1))
print({k: v for k, v in doc["cpu_finetune"].items() if k != "curve"})
