"""Gather `steps_eval.py` runs (their JSON files are the arguments; the same reference and protocol) into
results/generator_steps.json, which chapter 11 reads. Run from nbs/."""
import json, sys
from pathlib import Path
runs = [json.loads(Path(f).read_text()) for f in sys.argv[1:]]
keys = ("n_prompts", "guidance", "frames", "reference")
assert all(all(r[k] == runs[0][k] for k in keys) for r in runs), "the runs used different protocols"
rows, seen = [], set()
for r in runs:
    for row in r["rows"]:
        if row["setting"] not in seen: seen.add(row["setting"]); rows.append(row)
order = list(dict.fromkeys(r["sampler"] for r in rows))
rows = rows[:1] + sorted(rows[1:], key=lambda r: (order.index(r["sampler"]), r["steps"]))  # reference first
meta = {k: runs[0][k] for k in keys}
meta.update(model="generator-tiny + dmae-tiny (shipped)", prompts="paraphrased_prompts(n, seed=0)",
            noise_seed=0, threads=1, script="research/steps_eval.py",
            note="sample_cpu_s: CPU seconds to sample all the prompts' latents (one thread)")
Path("results/generator_steps.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))
print(len(rows), "rows")
