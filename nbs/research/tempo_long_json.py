"""Collect `tempo_long.py`'s per-seed files (the first one with the real clips, noise and drone) into one file
for chapter 10 §13. usage (from nbs/): research/tempo_long_json.py F0 F1 F2 [--out results/tempo_long.json]"""
import argparse, json
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("files", nargs="+"); p.add_argument("--out", default="results/tempo_long.json")
a = p.parse_args()
runs = [json.loads(Path(f).read_text()) for f in a.files]
first = next(r for r in runs if "real" in r)
out = {k: first[k] for k in ("model", "guidance", "seconds", "n_prompts", "real", "noise", "drone")}
out["model"] = Path(out["model"]).name
out["short_seconds"] = 187 * 1024 / 48000
out["generated"] = [dict(seed=r["seed"], **r["generated"]) for r in sorted(runs, key=lambda r: r["seed"])]
Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
print("wrote", a.out, len(out["generated"]), "seeds")
