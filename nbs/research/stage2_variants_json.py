"""Gather the caption-variant fine-tune and its control (`stage2_gpu.py V|C ... INIT` on a
`stage2_variants_pack.py` pack; C with ONLY_OWN=1) and their `gen_eval.py --guidances 5 --at 5 --seed S`
scores into nbs/results/generator_gpu.json (`caption_variants`), for chapter 10 §13. `seeds` and `run_entry`
are shared with `stage2_reworded_json.py`.
usage: stage2_variants_json.py V.json C.json OUT.json -- V_EVAL_S0.json ... -- C_EVAL_S0.json ..."""
import json, sys
from pathlib import Path
KEYS = ("family", "style", "tempo", "frechet", "tempo_r", "notes_that_move")
KEEP = ("steps", "batch", "lr", "frames", "minutes", "clips", "held_out", "best_step", "best_val_loss",
        "final_val_loss", "curve", "captions_per_clip", "own_captions_only")

def seeds(files):
    "One row per `gen_eval.py` file: the scores at its guidance on paraphrased and caption-worded prompts."
    rows = []
    for f in files:
        e = json.loads(Path(f).read_text())
        g = next(r for r in e["guidance_curve"] if r["guidance"] == e["at"])
        caption = next(r for r in e["prompt_wording"] if r["prompts"].startswith("worded like"))
        rows.append({"seed": e["seed"], "guidance": e["at"], **{k: g[k] for k in KEYS},
                     **{f"caption_{k}": caption[k] for k in ("family", "style", "tempo")}})
    return rows

def run_entry(run_file, evals, extra=()):
    "A training run's record (`stage2_gpu.py`'s JSON) with its scores per seed."
    run = json.loads(Path(run_file).read_text())
    return {**{k: run[k] for k in (*KEEP, *extra)}, "seeds": seeds(evals)}

def report(entry):
    for name, r in entry["runs"].items():
        print(name, {k: r[k] for k in ("steps", "minutes", "best_step", "best_val_loss")})
        for s in r["seeds"]: print("  ", s)

if __name__ == "__main__":
    args = sys.argv[1:]
    v_run, c_run, out = (Path(a) for a in args[:3])
    cut = [i for i, a in enumerate(args) if a == "--"]
    v_evals, c_evals = args[cut[0] + 1: cut[1]], args[cut[1] + 1:]
    doc = json.loads(out.read_text())
    doc["caption_variants"] = {
        "init": "mousai/pretrained/generator-tiny", "device": "one CPU thread each, both at once",
        "decoder": "dmae-tiny default (fine-tuned magnitude decoder, PGHI + 4)",
        "runs": {"caption variants": run_entry(v_run, v_evals),
                 "own captions (control)": run_entry(c_run, c_evals)}}
    out.write_text(json.dumps(doc, indent=1))
    report(doc["caption_variants"])
