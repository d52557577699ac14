"""Collect the one-core run of stage2_gpu.py (`BF16=1`, no GPU) and its gen_eval.py scores into
results/generator_gpu.json under "one_core", next to the GPU runs, with the rule that decides which model
ships.

The scores are `gen_eval.py --guidances G --at G --seed S` files, one per noise seed: the protocol of the GPU
model's `seeds_g5_detail` rows in results/generator_eval.json. INIT_VAL is the GPU model's held-out loss
measured on this machine by the same script (`EVAL_ONLY=1 BF16=1 stage2_gpu.py … INIT`), so that the two
held-out losses come from the same code, noise and precision.
MODEL_DIR is the run as `stage2_gpu_ship.py` saved it: its weights' SHA-256 tells chapter 10 whether it is the
model that ships. The guidance curve is the first file's, when it scored several guidances. With MAIN_JOB set
to the WAV that `mousai generate "a slow waltz on strings in D minor" --seconds 30` wrote with this model, its
notes-that-move score (chapter 09b) is kept too.
Run from nbs/: python research/stage2_cpu_json.py RUN_DIR NAME MODEL_DIR INIT_VAL GUIDANCE EVAL.json [...]"""
import os, sys, json, hashlib
from pathlib import Path
from eval_rows import KEYS, scores

run, name, model_dir = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
init_val, guidance, files = float(sys.argv[4]), float(sys.argv[5]), sys.argv[6:]
m = json.loads((run / f"{name}.json").read_text())
seeds, caption, curve = [], [], None
for f in files:
    d = json.loads(Path(f).read_text())
    assert d["at"] == guidance and d["n_prompts"] == 64, f"{f}: another protocol"
    seeds.append({"seed": d["seed"], **scores(d, guidance)})
    caption.append({"seed": d["seed"], **{f"caption_{k}": d["prompt_wording"][1][k]
                                          for k in ("family", "style", "tempo")}})
    decoder = {k: d[k] for k in ("decoder", "griffin_lim_channels", "detail_gain")}
    if curve is None and len(d["guidance_curve"]) > 1:
        curve = [{"guidance": r["guidance"], **{k: r[k] for k in KEYS}} for r in d["guidance_curve"]]
main_job = None
if os.environ.get("MAIN_JOB"):
    import soundfile as sf, torch
    from mousai.musicality import notes_that_move
    wave, sr = sf.read(os.environ["MAIN_JOB"], dtype="float32", always_2d=True)
    assert sr == 48000 and len(wave) == 30 * sr, f"{os.environ['MAIN_JOB']}: not the 30 s main job"
    main_job = notes_that_move(torch.from_numpy(wave.T))["score"]
gr_path = Path("results/generator_gpu.json")
gr = json.loads(gr_path.read_text())
gr["one_core"] = {
    "name": name, "device": "one CPU thread (OMP_NUM_THREADS=1), bf16 autocast", "config": m["config"],
    "params": m["params"], "steps": m["steps"], "minutes": m["minutes"], "batch": m["batch"], "lr": m["lr"],
    "frames": m["frames"], "clips": m["clips"], "held_out": m["held_out"], "seed": m["seed"],
    "best_step": m["best_step"], "best_val_loss": m["best_val_loss"], "final_val_loss": m["final_val_loss"],
    "curve": m["curve"], "gpu_model_val_loss_here": init_val, "guidance": guidance, "decoder": decoder,
    "seeds": seeds, "caption_seeds": caption, "guidance_curve": curve, "main_job_notes": main_job,
    "rule": {"adherence_margin": 0.05, "frechet_ratio": 1.15,
             "text": "ship the one-core model if its mean adherence (family, style, tempo; 3 seeds) is at "
                     "least the GPU model's minus 0.05 and its probe Fréchet at most 1.15x the GPU model's"},
    "sha256": hashlib.sha256((model_dir / "model.safetensors").read_bytes()).hexdigest()}
gr_path.write_text(json.dumps(gr, indent=1))
print(json.dumps({k: v for k, v in gr["one_core"].items() if k not in ("curve", "config")}, indent=1))
