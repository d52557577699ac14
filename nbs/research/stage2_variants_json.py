"""Gather the caption-variant fine-tune and its control (`stage2_gpu.py V|C ... INIT` on a
`stage2_variants_pack.py` pack; C with ONLY_OWN=1) and their `gen_eval.py --guidances 5 --at 5 --seed S`
scores into nbs/results/generator_gpu.json (`caption_variants`), for chapter 10 §13.
usage: stage2_variants_json.py V.json C.json OUT.json -- V_EVAL_S0.json ... -- C_EVAL_S0.json ..."""
import json, sys
from pathlib import Path
args = sys.argv[1:]
v_run, c_run, out = (Path(a) for a in args[:3])
cut = [i for i, a in enumerate(args) if a == "--"]
v_evals, c_evals = args[cut[0] + 1: cut[1]], args[cut[1] + 1:]
KEYS = ("family", "style", "tempo", "frechet", "tempo_r", "notes_that_move")

def seeds(files):
    rows = []
    for f in files:
        e = json.loads(Path(f).read_text())
        g = next(r for r in e["guidance_curve"] if r["guidance"] == e["at"])
        caption = next(r for r in e["prompt_wording"] if r["prompts"].startswith("worded like"))
        rows.append({"seed": e["seed"], "guidance": e["at"], **{k: g[k] for k in KEYS},
                     **{f"caption_{k}": caption[k] for k in ("family", "style", "tempo")}})
    return rows

keep = ("steps", "batch", "lr", "frames", "minutes", "clips", "held_out", "best_step", "best_val_loss",
        "final_val_loss", "curve", "captions_per_clip", "own_captions_only")
doc = json.loads(out.read_text())
doc["caption_variants"] = {
    "init": "mousai/pretrained/generator-tiny", "device": "one CPU thread each, both at once",
    "decoder": "dmae-tiny default (fine-tuned magnitude decoder, PGHI + 4)",
    "runs": {name: {**{k: run[k] for k in keep}, "seeds": seeds(ev)}
             for name, run, ev in (("caption variants", json.loads(v_run.read_text()), v_evals),
                                   ("own captions (control)", json.loads(c_run.read_text()), c_evals))}}
out.write_text(json.dumps(doc, indent=1))
for name, r in doc["caption_variants"]["runs"].items():
    print(name, {k: r[k] for k in ("steps", "minutes", "best_step", "best_val_loss")})
    for s in r["seeds"]: print("  ", s)
