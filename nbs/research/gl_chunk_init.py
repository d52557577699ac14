"""Phase retrieval in chunks, on TRUE magnitudes: does starting each chunk's Griffin-Lim from the phase the
previous chunk left in their overlap beat a random start? Fast Griffin-Lim (16 iterations, momentum 0.99,
torchaudio's algorithm written out so that it can take an initial phase; checked equal to torchaudio's from
the same start),
chunks planned by `chunk_starts` and crossfaded linearly as `chunked_decode` does. Scores against the
original: MR-STFT, log-mel L1, pitch-class correlation, level, and the log-magnitude error in the overlaps and
elsewhere.
Run from the data folder: python gl_chunk_init.py --out F"""
import argparse, json, sys, time
from pathlib import Path
import torch
import torchaudio.functional as AF
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from heldout_real import real_tracks
from mousai.audio import crop_or_pad, load_audio
from mousai.audiofolder import scan_audio_folder
from mousai.dmae_parts import chunk_starts
from mousai.reconstruction import reconstruction_scores
from mousai.spectrogram import STFT
p = argparse.ArgumentParser()
p.add_argument("--iters", type=int, default=16)
p.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
p.add_argument("--out", required=True)
a = p.parse_args()
stft = STFT(); N, H = stft.n_fft, stft.hop_length
win = stft.window
SCALE = N ** 0.5 if stft.normalized else 1.0

def fgla(mag, length, angles):
    "torchaudio's fast Griffin-Lim (momentum 0.99) on a magnitude [B, F, M] from the complex start `angles`."
    need = 1 + (length + 2 * (N // 2) - N) // H    # frames torch.stft makes of `length` samples
    if need > mag.shape[-1]:
        mag = torch.cat([mag, mag[..., -1:].expand(*mag.shape[:-1], need - mag.shape[-1])], -1)
    if need > angles.shape[-1]:
        angles = torch.cat([angles, angles[..., -1:].expand(*angles.shape[:-1], need - angles.shape[-1])], -1)
    spec = mag * SCALE
    kw = dict(n_fft=N, hop_length=H, win_length=N, window=win)
    tprev = torch.tensor(0.0, dtype=angles.dtype)
    for _ in range(a.iters):
        inverse = torch.istft(spec * angles, length=length, **kw)
        rebuilt = torch.stft(inverse, center=True, pad_mode="reflect", normalized=False, onesided=True,
                             return_complex=True, **kw)
        angles = rebuilt - tprev.mul_(0.99 / 1.99)
        angles = angles.div(angles.abs().add(1e-16))
        tprev = rebuilt
    return torch.istft(spec * angles, length=length, **kw)

def rand_angles(shape, g):
    return torch.complex(torch.rand(shape, generator=g), torch.rand(shape, generator=g))

def chunked(mag, L, chunk, overlap, seed, from_previous):
    "Griffin-Lim per chunk of latent frames (4 STFT frames, 1024 samples each), crossfaded linearly."
    g = torch.Generator().manual_seed(seed)
    starts, size = chunk_starts(L, chunk, overlap)
    out = torch.zeros(mag.shape[0], L * 1024); done = 0
    for s in starts:
        m = mag[..., 4 * s: 4 * (s + size)]
        ang = rand_angles(m.shape, g)
        ov = max(0, done - s * 1024)
        if from_previous and ov:
            prev = torch.stft(out[:, s * 1024: done], center=True, pad_mode="reflect", normalized=False,
                              onesided=True, return_complex=True, n_fft=N, hop_length=H, win_length=N,
                              window=win)
            k = ov // H - 2                      # frames wholly inside the written overlap (no zero padding)
            ang[..., :k] = prev[..., :k] / prev[..., :k].abs().clamp(min=1e-16)
        y = fgla(m, size * 1024, ang)
        if ov:
            w = torch.arange(1, ov + 1) / (ov + 1)
            out[:, s * 1024: s * 1024 + ov] = out[:, s * 1024: s * 1024 + ov] * (1 - w) + y[:, :ov] * w
        out[:, s * 1024 + ov: (s + size) * 1024] = y[:, ov:]
        done = (s + size) * 1024
    return out, starts, size

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

# the written-out algorithm is torchaudio's: same start, same result
x = sets["builder (16 × 4 s, chunks ≤ 96 frames)"][0][:1, 0, :96 * 1024]
m = stft.magnitude(x)
ang = rand_angles(m.shape, torch.Generator().manual_seed(0))
ref = AF.griffinlim(m * SCALE, win, N, H, N, 1.0, a.iters, 0.99, 96 * 1024, False)   # rand_init=False: ones
mine = fgla(m, 96 * 1024, torch.ones_like(ang))
assert torch.allclose(ref, mine, atol=1e-5), (ref - mine).abs().max()

rows = []
for name, (waves, chunk, overlap) in sets.items():
    L = waves.shape[-1] // 1024
    B, C = waves.shape[:2]
    mags = stft.magnitude(waves.reshape(B * C, -1))
    for variant in ("one piece", "chunks, random start", "chunks, start from the previous chunk"):
        for seed in a.seeds:
            t0 = time.process_time()
            if variant == "one piece":
                y = fgla(mags, L * 1024, rand_angles(mags.shape, torch.Generator().manual_seed(seed)))
                starts, size = chunk_starts(L, chunk, overlap)
            else:
                y, starts, size = chunked(mags, L, chunk, overlap, seed, variant.endswith("previous chunk"))
            y = y.reshape(B, C, -1)
            seam, inner = seam_error(y, waves, L, starts, size)
            row = dict(set=name, variant=variant, seed=seed, **reconstruction_scores(y, waves),
                       overlap_err=seam, elsewhere_err=inner, cpu_s=round(time.process_time() - t0, 1))
            rows.append(row); print(json.dumps(row), flush=True)
            Path(a.out).write_text(json.dumps({"iters": a.iters, "momentum": 0.99, "rows": rows}, indent=1))
