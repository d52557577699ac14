"""Phase retrieval in chunks, on TRUE magnitudes: does starting each chunk's Griffin-Lim from the phase the
previous chunk left in their overlap beat a random start? The library's own path: `griffin_lim` (16 fast
iterations, momentum 0.99) per chunk, `chunked_decode` with and without `pass_prefix`, against one piece.
Scores against the original: MR-STFT, log-mel L1, pitch-class correlation, level, and the log-magnitude error
in the overlaps and elsewhere. Run from the data folder: python gl_chunk_init.py --out F. With --production,
the shipped decoder's phase retrieval instead: PGHI's phase as the start, one phase for both channels
(`linked_griffin_lim`), 4 iterations (one seed: PGHI has no random start), written to F the same way."""
import argparse, json, sys, time
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from heldout_real import real_tracks
from mousai.audio import crop_or_pad, load_audio
from mousai.audiofolder import scan_audio_folder
from mousai.dmae_parts import chunk_starts, chunked_decode
from mousai.reconstruction import reconstruction_scores
from mousai.spectrogram import STFT, griffin_lim, linked_griffin_lim
p = argparse.ArgumentParser()
p.add_argument("--iters", type=int, default=16)
p.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
p.add_argument("--out", required=True)
p.add_argument("--production", action="store_true", help="PGHI start, linked channels, 4 iterations, seed 0")
a = p.parse_args()
if a.production: a.iters, a.seeds = 4, [0]

def retrieve(mags, length, prefix=None):
    "The run's phase retrieval of a magnitude [B, C, F, M] → [B, C, length]."
    if a.production:
        return linked_griffin_lim(mags, length, stft, prefix=prefix, n_iter=a.iters, init="pghi")
    return griffin_lim(mags, length, a.iters, stft, prefix=prefix)
stft = STFT()

def decode(mags, L, chunk, overlap, from_previous):
    "Griffin-Lim of the magnitude [B, F, 4L] in chunks of latent frames (4 STFT frames, 1024 samples each)."
    def run(idx, _noise, prefix=None):                   # idx: the chunk's latent frame numbers
        s, size = int(idx[0, 0, 0]), idx.shape[-1]
        return retrieve(mags[..., 4 * s: 4 * (s + size)], size * 1024, prefix=prefix)
    idx = torch.arange(L).expand(1, 1, L)
    return chunked_decode(run, idx, mags.new_zeros(*mags.shape[:2], L * 1024), chunk, overlap,
                          pass_prefix=from_previous)

def seam_error(y, ref, L, starts, size):
    "Mean |Δ log magnitude| against the original in the overlaps, and elsewhere."
    lm = lambda w: stft.magnitude(w).clamp(min=1e-5).log()
    e = (lm(y) - lm(ref)).abs().mean((0, 1, 2))[: 4 * L].reshape(L, 4).mean(1)
    ov = torch.zeros(L, dtype=torch.bool)
    for s0, s1 in zip(starts, starts[1:]): ov[s1: s0 + size] = True
    return e[ov].mean().item(), e[~ov].mean().item()

sets = {}
recs = scan_audio_folder("heldout")[0][:16]
sets["builder (16 × 4 s, chunks ≤ 96 frames)"] = (
    torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), 187 * 1024, offset=0) for r in recs]), 96, 24)
real = []
for r in real_tracks("real")[:8]:
    w = load_audio(r.path, 48000, 2); mid, T = w.shape[-1] // 2, 563 * 1024
    real.append(w[:, mid - T // 2: mid - T // 2 + T])
sets["real (8 × 12 s, chunks ≤ 128 frames)"] = (torch.stack(real), 128, 32)

rows = []
for name, (waves, chunk, overlap) in sets.items():
    L = waves.shape[-1] // 1024
    B, C = waves.shape[:2]
    mags = stft.magnitude(waves)                          # [B, C, F, M]
    starts, size = chunk_starts(L, chunk, overlap)
    own = "chunks, PGHI start per chunk" if a.production else "chunks, random start"
    for variant in ("one piece", own, "chunks, start from the previous chunk"):
        for seed in a.seeds:
            torch.manual_seed(seed)                      # Griffin-Lim's random start
            t0 = time.process_time()
            y = (retrieve(mags, L * 1024) if variant == "one piece"
                 else decode(mags, L, chunk, overlap, variant.endswith("previous chunk")))
            seam, inner = seam_error(y, waves, L, starts, size)
            row = dict(set=name, variant=variant, seed=seed, **reconstruction_scores(y, waves),
                       overlap_err=seam, elsewhere_err=inner, cpu_s=round(time.process_time() - t0, 1))
            rows.append(row); print(json.dumps(row), flush=True)
            setup = {"iters": a.iters, "momentum": 0.99, "init": "pghi" if a.production else "random",
                     "channels": "linked" if a.production else "independent"}
            Path(a.out).write_text(json.dumps({**setup, "rows": rows}, indent=1))
