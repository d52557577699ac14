"""Gather `steps_eval.py` runs (their JSON files are the arguments; the same reference and protocol) into
results/generator_steps.json, which chapter 11 reads. With `--as KEY`, the runs (of another generator,
named by `--model`) go under KEY of the existing file instead of replacing it. Run from nbs/."""
import argparse, json
from pathlib import Path
p = argparse.ArgumentParser()
p.add_argument("runs", nargs="+"); p.add_argument("--as", dest="key")
p.add_argument("--model", default="generator-tiny + dmae-tiny (shipped)")
a = p.parse_args()
key, model = a.key, a.model
runs = [json.loads(Path(f).read_text()) for f in a.runs]
keys = ("n_prompts", "guidance", "frames", "reference")
assert all(all(r[k] == runs[0][k] for k in keys) for r in runs), "the runs used different protocols"
rows, seen = [], set()
for r in runs:
    for row in r["rows"]:
        if row["setting"] not in seen: seen.add(row["setting"]); rows.append(row)
order = list(dict.fromkeys(r["sampler"] for r in rows))
rows = rows[:1] + sorted(rows[1:], key=lambda r: (order.index(r["sampler"]), r["steps"]))  # reference first
meta = {k: runs[0][k] for k in keys}
meta.update(model=model, prompts="paraphrased_prompts(n, seed=0)",
            noise_seed=0, threads=1, script="research/steps_eval.py",
            note="sample_cpu_s: CPU seconds to sample all the prompts' latents (one thread)")
out = Path("results/generator_steps.json")
if key is None: out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))
else: out.write_text(json.dumps({**json.loads(out.read_text()), key: {"meta": meta, "rows": rows}}, indent=1))
print(len(rows), "rows")
