"""Residual scale λ of the shipped magnitude diffusion decoder (one step): log|X| = h(z) + λ·s·x̂₀ + gain,
the gain recalibrated for each λ by `calibrate_gain` on training clips (24 builder clips of DATA/gen, 16
middle crops of real tracks that are not held out); scored on the clips of stage1_eval.py. λ = 0 is the head
with a gain, λ = 1 the shipped decoder. Adds "residual_scale" to nbs/results/stage1_decoders.json (chapter
07c §5). Run from the data folder: python .../residual_scale.py OUT.json 1 0 0.5 0.75"""
import json, math, sys
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from mousai.autoencoder import load_pretrained_dmae
from mousai.dmae_parts import MagnitudeDiffusion
from mousai.autoencoder_training import calibrate_gain
from mousai.reconstruction import reconstruction_scores
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from mousai.audio import crop_or_pad
from heldout_real import real_tracks
T = 187 * 1024
def middle(w): return w[:, w.shape[-1] // 2 - T // 2: w.shape[-1] // 2 - T // 2 + T]
sets = {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0)
                                for r in scan_audio_folder("heldout")[0][:16]]),
        "real": torch.stack([middle(load_audio(r.path, 48000, 2)) for r in real_tracks("real")[:16]])}
train = [crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0) for r in scan_audio_folder("gen")[0][:24]]
train += [middle(load_audio(r.path, 48000, 2)) for r in real_tracks("real")[16:32]]
LAM = [1.0]
orig = MagnitudeDiffusion.sample_log_magnitude
def scaled(self, z, head_log, num_steps=10, sampler="ddim", generator=None):
    gain = self.config.gain_db * math.log(10) / 20
    out = orig(self, z, head_log, num_steps, sampler, generator)
    return head_log + LAM[0] * (out - gain - head_log) + gain
MagnitudeDiffusion.sample_log_magnitude = scaled
d = load_pretrained_dmae().eval()
print("shipped gain", d.magnitude_decoder.config.gain_db, flush=True)
rows = []
with torch.no_grad():
    for lam in [float(x) for x in sys.argv[2:]]:
        LAM[0] = lam
        g = calibrate_gain(d, train, num_steps=1)
        for s, waves in sets.items():
            est = torch.cat([d.reconstruct(w, generator=torch.Generator().manual_seed(0))
                             for w in waves.split(4)])
            rows.append({"lambda": lam, "gain_db": g, "set": s, **reconstruction_scores(est, waves)})
            print(json.dumps(rows[-1]), flush=True)
out = Path(sys.argv[1])
doc = json.loads(out.read_text())
doc["residual_scale"] = {"decoder": "shipped dmae-tiny, magnitude diffusion at one step", "rows": rows}
out.write_text(json.dumps(doc, indent=1))
