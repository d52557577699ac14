"""Gather chapter 10's exercise 8, run once: the reworded-caption fine-tune with token-disjoint tempo words
(`stage2_variants_pack.py ... 6 disjoint`, `STEPS=3110 stage2_gpu.py D ... INIT`, training seed 0, the same
draws as the reworded run R), its `gen_eval.py --guidances 5 --at 5 --seed S --channels independent` scores
(the decoder R, R2 and the control were scored through) and the same with today's decoder (one phase for both
channels), into nbs/results/generator_gpu.json (`disjoint_tempo`). `--add NAME` adds another training seed's
run (D2: `SEED=1`, the seed of R2) beside the first instead of starting anew.
usage: stage2_disjoint_json.py [--add NAME] OUT.json D.json -- E0.json E1.json E2.json -- L0.json L1.json
L2.json"""
import json, sys
from pathlib import Path
from stage2_variants_json import run_entry, seeds, report
from stage2_variants_pack import DISJOINT_TEMPO

add = None
if sys.argv[1] == "--add": add, sys.argv = sys.argv[2], sys.argv[:1] + sys.argv[3:]
out, run = Path(sys.argv[1]), sys.argv[2]
cut = [i for i, a in enumerate(sys.argv) if a == "--"]
indep, linked = sys.argv[cut[0] + 1: cut[1]], sys.argv[cut[1] + 1:]
doc = json.loads(out.read_text())
rec = run_entry(run, indep, extra=("steps_cap", "seed"))
rec["seeds_linked"] = seeds(linked)
if add:
    doc["disjoint_tempo"]["runs"][add] = rec
    doc["disjoint_tempo"]["device"] = ("one CPU thread (seed 0 was paused for a while: its minutes are wall "
                                       "time)")
    out.write_text(json.dumps(doc, indent=1)); report(doc["disjoint_tempo"]); raise SystemExit
doc["disjoint_tempo"] = {"init": "mousai/pretrained/generator-tiny", "tempo_words": DISJOINT_TEMPO,
                         "device": "one CPU thread (paused for a while: its minutes are wall time)",
                         "decoder": "seeds: each channel's own phase (as R, R2, control); "
                                    "seeds_linked: today's",
                         "runs": {"token-disjoint tempo words, training seed 0": rec}}
out.write_text(json.dumps(doc, indent=1))
report(doc["disjoint_tempo"])
