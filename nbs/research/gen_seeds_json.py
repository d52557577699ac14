"""Add the shipped generator's scores over more noise seeds to results/generator_eval.json.

At guidance 3 (the default): seed 0 is the guidance curve's own row; the others come from
`gen_eval.py --guidances 3 --seed S` (their JSON files are the arguments); the rows go to "seeds".
With `--guidance G` (G ≠ 3) every seed comes from a file of `gen_eval.py --guidances G --at G --seed S`, and
the rows go to "seeds_g<G>" (chapter 10 §13 scores the goals at the pipeline's default guidance too), or to
`--key K` (the same protocol with another decoder setting, e.g. "seeds_g5_pghi").
Run from nbs/: python research/gen_seeds_json.py [--guidance G] [--key K] seed1.json seed2.json"""
import argparse, json
from pathlib import Path
import numpy as np
from eval_rows import KEYS, scores
p = argparse.ArgumentParser()
p.add_argument("--guidance", type=float, default=3.0); p.add_argument("files", nargs="*")
p.add_argument("--key", default=None, help="where the rows go (default: seeds, or seeds_g<G>)")
a = p.parse_args()
ev_path = Path("results/generator_eval.json")
ev = json.loads(ev_path.read_text())
rows, tempo = [], {}
if a.guidance == 3.0:
    g3 = next(r for r in ev["guidance_curve"] if r["guidance"] == 3.0)
    rows = [{"seed": 0, **{k: g3[k] for k in KEYS[:4]}, "tempo_r": ev["tempo_following"]["pearson_r"],
             "notes_that_move": float(np.median(ev["notes_that_move"]))}]
    # every beat-tracker estimate, per seed
    tempo = {"0": {k: ev["tempo_following"][k] for k in ("estimated", "requested")}}
for f in a.files:
    d = json.loads(Path(f).read_text())
    same = (d["n_prompts"] == ev["n_prompts"] and ev["decoder"].startswith(d["decoder"])
            and d.get("at", 3.0) == a.guidance)
    assert same, f"{f}: another protocol (prompts, decoder, or the guidance of tempo and notes)"
    rows.append({"seed": d["seed"], **scores(d, a.guidance)})   # tempo r: the curve's, from the same clips
    tempo[str(d["seed"])] = {k: d["tempo_following"][k] for k in ("estimated", "requested")}
if a.key:
    ev[a.key] = rows
elif a.guidance == 3.0:
    ev["seeds"], ev["seed_tempo"] = rows, tempo
else:
    ev[f"seeds_g{a.guidance:g}"] = rows
ev_path.write_text(json.dumps(ev, indent=1))
print(json.dumps(rows, indent=1))
