"""Gather the reworded-caption fine-tunes (`stage2_gpu.py R ... INIT` with STEPS=3110 and SEED=0, 1 on a
`stage2_variants_pack.py ... 6 reworded` pack) and their `gen_eval.py --guidances 5 --at 5 --seed S` scores
into nbs/results/generator_gpu.json (`reworded_captions`), for chapter 10 §13, next to `caption_variants`.
usage: stage2_reworded_json.py OUT.json R.json R_EVAL_S0.json ... [-- R2.json R2_EVAL_S0.json ...]"""
import json, sys
from pathlib import Path
from stage2_variants_json import run_entry, report

out, groups = Path(sys.argv[1]), " ".join(sys.argv[2:]).split(" -- ")
doc = json.loads(out.read_text())
runs = {}
for g in groups:
    run, *evals = g.split()
    rec = run_entry(run, evals, extra=("steps_cap", "seed"))
    runs[f"reworded captions, training seed {rec['seed']}"] = rec
doc["reworded_captions"] = {"init": "mousai/pretrained/generator-tiny",
                            "device": "one CPU thread each, both at once",
                            "decoder": "dmae-tiny default (fine-tuned magnitude decoder, PGHI + 4)",
                            "runs": runs}
out.write_text(json.dumps(doc, indent=1))
report(doc["reworded_captions"])
