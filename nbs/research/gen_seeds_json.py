"""Add the shipped generator's guidance-3 scores over more noise seeds to results/generator_eval.json: seed 0
is the guidance curve's own row; the others come from `gen_eval.py --guidances 3 --seed S` (their JSON files
are the arguments). Run from nbs/: python research/gen_seeds_json.py seed1.json seed2.json"""
import json, sys
from pathlib import Path
import numpy as np
ev_path = Path("results/generator_eval.json")
ev = json.loads(ev_path.read_text())
g3 = next(r for r in ev["guidance_curve"] if r["guidance"] == 3.0)
keys = ("family", "style", "tempo", "frechet")
rows = [{"seed": 0, **{k: g3[k] for k in keys}, "tempo_r": ev["tempo_following"]["pearson_r"],
         "notes_that_move": float(np.median(ev["notes_that_move"]))}]
# every beat-tracker estimate, per seed
tempo = {"0": {k: ev["tempo_following"][k] for k in ("estimated", "requested")}}
for f in sys.argv[1:]:
    d = json.loads(Path(f).read_text())
    r = next(r for r in d["guidance_curve"] if r["guidance"] == 3.0)
    same = d["n_prompts"] == ev["n_prompts"] and ev["decoder"].startswith(d["decoder"])
    assert same, f"{f}: another protocol"
    rows.append({"seed": d["seed"], **{k: r[k] for k in keys}, "tempo_r": d["tempo_following"]["pearson_r"],
                 "notes_that_move": float(np.median(d["notes_that_move"]))})
    tempo[str(d["seed"])] = {k: d["tempo_following"][k] for k in ("estimated", "requested")}
ev["seeds"], ev["seed_tempo"] = rows, tempo
ev_path.write_text(json.dumps(ev, indent=1))
print(json.dumps(rows, indent=1))
