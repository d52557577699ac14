"""Issue 18, stage 1: fine-tune dmae-tiny on a mix of builder clips and real recordings for a bounded
CPU time, with the library's `train_autoencoder` (resumed in chunks until the budget is spent). Arms: `head`
(the magnitude head on the frozen latent: stage-2 latents stay valid) and `latent`
(encoder + head: the latent moves, so stage 2 would need retraining). The 16 real tracks that
`stage1_finetune_eval.py` (and `stage1_eval.py`) score are held out of training."""
import argparse, time
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.autoencoder_training import train_autoencoder
from mousai.autoencoder import pretrained_dir
from heldout_real import real_tracks, HELD_OUT

p = argparse.ArgumentParser()
p.add_argument("--parts", choices=["head", "latent"], required=True)
p.add_argument("--minutes", type=float, default=20.0)
p.add_argument("--lr", type=float, default=3e-4)
p.add_argument("--builder", default="data/gen")
p.add_argument("--real", default="data/real")
p.add_argument("--n-builder", type=int, default=800)
p.add_argument("--out", default="runs/stage1_ft")
args = p.parse_args()

mix = Path("data/stage1_mix")
if not mix.exists():
    real = Path(args.real)
    train = sorted(real_tracks(real)[HELD_OUT:], key=lambda r: str(r.path))   # the rest, in path order
    builder = sorted(Path(args.builder).glob("*.ogg"))[: args.n_builder]
    copies = max(1, round(len(builder) / max(1, len(train))))      # about as many real items as builder clips
    (mix / "builder").mkdir(parents=True); (mix / "real").mkdir()
    for b in builder: (mix / "builder" / b.name).symlink_to(b.resolve())
    for i, r in enumerate(train):
        for k in range(copies):
            (mix / "real" / f"{i:03d}_{k:02d}{r.path.suffix}").symlink_to(r.path.resolve())
    print(f"mix: {len(builder)} builder clips, {len(train)} real tracks x {copies}; "
          f"held out {HELD_OUT} tracks", flush=True)

out, budget, steps = Path(args.out) / args.parts, args.minutes * 60, 0
t0 = time.process_time()
while time.process_time() - t0 < budget:
    steps += 200
    train_autoencoder("tiny", data_dir=mix, out_dir=out, steps=steps,
                      batch_size=8, lr=args.lr, parts=args.parts,
                      init_from=pretrained_dir("dmae-tiny"),
                      checkpoint_every=200, resume=True, progress=False,
                      warmup_steps=0, tensorboard=False)
    print(f"{args.parts}: {steps} steps, {(time.process_time() - t0) / 60:.1f} CPU-min", flush=True)
(out / "cpu_minutes.txt").write_text(f"{(time.process_time() - t0) / 60:.2f} {steps}\n")
