"""Latent-generation time of the shipped generator at 60 / 240 / 600 s of audio, \
global vs windowed self-attention.

Writes nbs/results/longform.json. Generator only (text → latents), no decoding; one latent
frame = 1024 samples at 48 kHz. Times are process CPU seconds on one thread
(steadier than wall time on a shared machine).

    OMP_NUM_THREADS=1 python nbs/results/longform_bench.py [--window 128] [--steps 50] [--model FOLDER]
"""
import argparse, json, math, os, platform, time
from pathlib import Path

import torch

from mousai.core import SAMPLE_RATE
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.unet import set_attention_window

HERE = Path(__file__).resolve().parent
FRAME = 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="generator folder (default: the shipped generator-tiny)")
    ap.add_argument("--window", type=int, default=128,
                    help="attention window, frames at each attention level")
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--guidance", type=float, default=5.0)
    ap.add_argument("--seconds", type=float, nargs="+", default=[60, 240, 600])
    ap.add_argument("--out", default=str(HERE / "longform.json"))
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    import mousai
    folder = a.model or str(Path(mousai.__file__).parent / "pretrained" / "generator-tiny")
    model = LatentGenerator.from_pretrained(folder).eval()
    enc = load_generator_text_encoder(model)
    prompt = "a slow waltz on strings in D minor"
    generate_latents(model, enc, prompt, 64, num_steps=2, guidance_scale=a.guidance)    # warm-up
    rows, lat = [], {}
    for mode, window in (("windowed", a.window), ("global", None)):
        set_attention_window(model, window)
        for s in a.seconds:
            frames = math.ceil(s * SAMPLE_RATE / FRAME)
            t0, w0 = time.process_time(), time.perf_counter()
            z = generate_latents(model, enc, prompt, frames, num_steps=a.steps,
                                 guidance_scale=a.guidance, seed=0)
            cpu, wall = time.process_time() - t0, time.perf_counter() - w0
            lat[mode, s] = z
            rows.append(dict(attention=mode, window=window, seconds=s,
                             frames=frames, latent_cpu_s=round(cpu, 3),
                             latent_wall_s=round(wall, 3), finite=bool(torch.isfinite(z).all())))
            print(rows[-1], flush=True)
    for r in rows:
        base = next(q for q in rows if q["attention"] == r["attention"] and q["seconds"] == a.seconds[0])
        r["growth"] = round(r["latent_cpu_s"] / base["latent_cpu_s"], 3)
        r["growth_over_linear"] = round(r["growth"] / (r["seconds"] / a.seconds[0]), 3)
        zg, zw = lat["global", r["seconds"]], lat["windowed", r["seconds"]]
        r["latent_rel_diff_vs_global"] = round(float((zw - zg).norm() / zg.norm()), 4)
    cfg = model.config
    levels = [i for i, n in enumerate(cfg.attentions) if n]
    report = dict(
        what="latent generation time (generator only, no decoding) vs audio length; CPU seconds, 1 thread",
        model=Path(folder).name, parameters=sum(p.numel() for p in model.parameters()), prompt=prompt,
        num_steps=a.steps, guidance_scale=a.guidance, sampler="ddim", window=a.window,
        attention_levels=levels, training_frames_note="the window counts frames at each attention level "
        "(latent frames / prod(factors[:level+1])); within one window the result equals global attention",
        frame_samples=FRAME, sample_rate=SAMPLE_RATE,
        linear_goal="growth_over_linear ≤ 1.2 (issue 15 §4)",
        within_goal={m: all(r["growth_over_linear"] <= 1.2 for r in rows if r["attention"] == m)
                     for m in ("windowed", "global")},
        rows=rows,
        meta=dict(torch=torch.__version__, threads=torch.get_num_threads(), machine=platform.machine(),
                  load_average=[round(x, 2) for x in os.getloadavg()]))
    Path(a.out).write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report["within_goal"]))


if __name__ == "__main__":
    main()
