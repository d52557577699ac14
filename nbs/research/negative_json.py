"""Collect gen_eval.py runs with and without --negative (same seed and guidance) into
nbs/results/negative_prompt.json (chapter 11 §6). Run from nbs/: python research/negative_json.py F..."""
import json, sys
from pathlib import Path
from eval_rows import scores
rows = []
for f in sys.argv[1:]:
    d = json.loads(Path(f).read_text())
    rows.append({"negative": d.get("negative") or "(none: the null embedding)", "seed": d["seed"],
                 "guidance": d["at"], **scores(d, d["at"])})
note = ("a negative prompt in place of the learned null embedding on the guidance side, on the shipped "
        "generator: the 64 paraphrased prompts of chapter 09b, 30 DDIM steps, 3.99 s, dmae-tiny's default "
        "decoder, the chapter-09 probe (research/gen_eval.py --negative)")
Path("results/negative_prompt.json").write_text(json.dumps({"note": note, "rows": rows}, indent=1))
print(json.dumps(rows, indent=1))
