"""Collect `tempo_long.py`'s per-seed files (the first one with the real clips, noise and drone) into one file
for chapter 10 §13. The short length is the files' own (`short_seconds`); files written before they carried
it get it from the shipped DMAE's hop, as `tempo_long.py` computes it.
usage (from nbs/): research/tempo_long_json.py F0 F1 F2 [--out results/tempo_long.json]"""
import argparse, json
from pathlib import Path
from mousai.autoencoder import load_pretrained_dmae

p = argparse.ArgumentParser()
p.add_argument("files", nargs="+"); p.add_argument("--out", default="results/tempo_long.json")
a = p.parse_args()
runs = [json.loads(Path(f).read_text()) for f in a.files]
first = next(r for r in runs if "real" in r)
out = {k: first[k] for k in ("model", "guidance", "seconds", "n_prompts", "real", "noise", "drone")}
out["model"] = Path(out["model"]).name
if "short_seconds" in first: out["short_seconds"] = first["short_seconds"]
else: out["short_seconds"] = 187 * load_pretrained_dmae().config.downsample_factor / 48000   # its SHORT
out["generated"] = [dict(seed=r["seed"], **r["generated"]) for r in sorted(runs, key=lambda r: r["seed"])]
Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
print("wrote", a.out, len(out["generated"]), "seeds")
