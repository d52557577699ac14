"""Collect emphasis_eval.py runs into nbs/results/phrase_emphasis.json (chapter 11 §6). Run from nbs/:
python research/emphasis_json.py F..."""
import json, sys
from pathlib import Path
rows, seeds = [], set()
for f in sys.argv[1:]:
    d = json.loads(Path(f).read_text())
    seeds.add(d["seed"])
    for r in d["rows"]:
        rows.append({"phrase": "none" if r["w"] == 0 else d["phrase"], "w": r["w"], "scale": d["scale"],
                     **{k: r[k] for k in ("family", "style", "tempo", "frechet", "tempo_r", "notes_that_move",
                                          "generate_s")}})
rows.sort(key=lambda r: (r["phrase"] != "none", r["phrase"], r["w"]))
note = ("guidance toward one phrase of the prompt, v = v_null + s·(v_text − v_null) + w·(v_text − v_minus) "
        "(v_minus: the prompt without the phrase; composable guidance, Liu et al. 2022), on the shipped "
        "generator: the 64 paraphrased prompts of chapter 09b, noise seed(s) "
        f"{sorted(seeds)}, guidance s = 5, 30 DDIM steps, 3.99 s, dmae-tiny's default decoder, the "
        "chapter-09 probe (research/emphasis_eval.py)")
out = {"note": note, "rows": rows}
Path("results/phrase_emphasis.json").write_text(json.dumps(out, indent=1))
print(json.dumps(rows, indent=1))
