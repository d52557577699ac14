"""1.5 s crops for the GPU magnitude-decoder run (small enough to travel to a lent GPU machine):
one random crop of each of the first NB builder clips, and NR crops spread over the real tracks that are
not held out.
usage: stage1_gpu_crops.py OUT NB NR VORBIS_COMPRESSION BUILDER_DIR REAL_DIR"""
import random, sys, soundfile as sf
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from heldout_real import real_tracks, HELD_OUT
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
nb, nr, q = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
OGG = dict(format="OGG", subtype="VORBIS", compression_level=q)
L = int(1.5 * 48000); rng = random.Random(0)
recs = scan_audio_folder(sys.argv[5])[0][:nb]
for i, r in enumerate(recs):
    w = load_audio(r.path, 48000, 2); s = rng.randrange(0, w.shape[-1] - L + 1)
    sf.write(out / f"b{i:04d}.ogg", w[:, s:s + L].T.numpy(), 48000, **OGG)
tracks = real_tracks(sys.argv[6])[HELD_OUT:]
per = max(1, nr // len(tracks)); k = 0
for r in tracks:
    w = load_audio(r.path, 48000, 2)
    for j in range(per):
        s = rng.randrange(int(0.05 * w.shape[-1]), int(0.95 * w.shape[-1]) - L)
        x = w[:, s:s + L]
        if x.abs().max() < 1e-3: continue
        sf.write(out / f"r{k:04d}.ogg", x.T.numpy(), 48000, **OGG); k += 1
print("builder", len(recs), "real", k, "tracks", len(tracks))
