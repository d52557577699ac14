"""The paraphrased prompts with and without the asked BPM appended (gen_eval.py --bpm), same seeds and
guidance, into nbs/results/generator_eval.json ("bpm_prompts", chapter 10 §13). Arguments: the plain files,
then "--", then the --bpm files. Run from nbs/: python research/bpm_json.py P0 P1 P2 -- B0 B1 B2"""
import json, sys
from pathlib import Path
from eval_rows import scores
cut = sys.argv.index("--")
ev_path = Path("results/generator_eval.json")
ev = json.loads(ev_path.read_text())
rows = []
for files, wording in ((sys.argv[1:cut], "paraphrased"), (sys.argv[cut + 1:], "paraphrased + \", N BPM\"")):
    for f in files:
        d = json.loads(Path(f).read_text())
        assert bool(d.get("bpm")) == (wording != "paraphrased"), f"{f}: the other wording"
        rows.append({"prompts": wording, "seed": d["seed"], "guidance": d["at"], **scores(d, d["at"])})
ev["bpm_prompts"] = rows
ev_path.write_text(json.dumps(ev, indent=1))
print(json.dumps(rows, indent=1))
