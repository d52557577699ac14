"""Collect stochastic-DDIM runs (research/ancestral.py) and their deterministic twins into
nbs/results/stochastic_ddim.json (chapter 11 §6). Each argument is a file of
`gen_eval.py --guidances 5 --at 5 --seed S [--sampler ddim-eta<η>]`; run from nbs/:
python research/stochastic_json.py F..."""
import json, sys
from pathlib import Path
from eval_rows import scores
rows = []
for f in sys.argv[1:]:
    d = json.loads(Path(f).read_text())
    r = next(r for r in d["guidance_curve"] if r["guidance"] == d["at"])
    sampler = d.get("sampler", "ddim")
    rows.append({"sampler": sampler, "eta": float(sampler[len("ddim-eta"):]) if "eta" in sampler else 0.0,
                 "seed": d["seed"], "guidance": d["at"], "n": r["n"], **scores(d, d["at"]),
                 "generate_s": r["generate_s"]})
rows.sort(key=lambda r: (r["eta"], r["seed"]))
out = {"note": ("stochastic DDIM (Song et al. 2021; η = 1 is DDPM's ancestral sampler) against DDIM (η = 0) "
                "on the shipped generator: 64 paraphrased prompts, 30 steps, guidance 5, 3.99 s, decoded by "
                "dmae-tiny's default decoder, scored by the chapter-09 probe (research/ancestral.py, "
                "gen_eval.py --sampler)"),
       "rows": rows}
Path("results/stochastic_ddim.json").write_text(json.dumps(out, indent=1))
print(json.dumps(rows, indent=1))
