"""Collect the GPU runs of stage2_gpu.py and their gen_eval.py scores (guidance 3) into one results file, with
the CPU-trained generator they replace, scored the same way.
usage: stage2_gpu_json.py RUN_DIR EVAL_DIR CPU_EVAL_JSON OUT_JSON"""
import sys, json
from pathlib import Path
run, evals, cpu, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
KEYS = ("n", "family", "style", "tempo", "frechet", "tempo_r", "notes_that_move")
g3 = lambda ev: {k: next(r for r in ev["guidance_curve"] if r["guidance"] == 3.0)[k] for k in KEYS}
runs = []
for f in sorted(run.glob("?.json")):
    m = json.loads(f.read_text())
    c = m["config"]
    runs.append({"name": m["name"], "params": m["params"], "channels": c["channels"],
                 "factors": c["factors"],
                 "frames": m["frames"], "batch": m["batch"], "lr": m["lr"], "steps": m["steps"],
                 "minutes": m["minutes"], "best_step": m["best_step"], "val_loss": m["best_val_loss"],
                 "curve": m["curve"], "device": m["device"],
                 "eval": g3(json.loads((evals / f"eval_g3_{m['name']}.json").read_text()))})
cpu_ev = json.loads(cpu.read_text())
res = {"runs": runs, "shipped": "B",
       "cpu_model": {"what": "the generator-tiny these runs replace: the same network, 68 CPU-minutes on "
                             "one core", "eval": g3(cpu_ev)},
       "real_vs_real_frechet": cpu_ev["real_vs_real_frechet"],
       "note": ("four generators trained in parallel for 7.3 wall-minutes each on one lent H200 "
                "(bf16 autocast), on the 3,200 cached dmae-tiny latents of the CPU sweep (int8-packed "
                "to travel; the last 128 clips held out for the validation v-loss at 8 fixed noise "
                "levels, which picks the EMA checkpoint); scored on the CPU by nbs/research/gen_eval.py: "
                "64 paraphrased prompts, guidance 3, 30 DDIM steps, 3.99 s, decoded by dmae-tiny's default "
                "decoder with Griffin-Lim at the STFT's own FFT size (1023)")}
out.write_text(json.dumps(res, indent=1))
print([(r["name"], r["steps"], round(r["val_loss"], 4), *(r["eval"][k] for k in ("family", "style", "tempo")))
       for r in runs])
