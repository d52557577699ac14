"""The beat tracker on the real held-out builder clips that gen_eval.py compares with (3.99 s from each clip's
start): every estimate, for chapter 10's tempo table. Adds "real_tempo" to results/generator_eval.json.
Run from nbs/ with the data folder as the argument: python research/real_tempo_json.py DATA/heldout"""
import json, sys
from pathlib import Path
from mousai.evaluation import load_labeled_set
from mousai.musicality import tempo_following
waves, rows = load_labeled_set(sys.argv[1], seconds=187 * 1024 / 48000)
tf = tempo_following(waves, rows)
p = Path("results/generator_eval.json")
ev = json.loads(p.read_text())
ev["real_tempo"] = {k: tf[k] for k in ("n", "pearson_r", "within_8pct", "within_8pct_octave", "estimated",
                                        "requested")}
p.write_text(json.dumps(ev, indent=1))
print({k: v for k, v in ev["real_tempo"].items() if k not in ("estimated", "requested")})
