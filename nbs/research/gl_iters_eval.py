"""Steps-to-quality of phase retrieval: the shipped default decoder (magnitude diffusion, one step) with 8, 16
and 32 fast Griffin-Lim iterations at FFT sizes 1023 (the STFT's) and 1024 (`griffin_lim_fft`), scored on
the clips of `stage1_gpu_eval.py` (16 held-out builder clips, 16 crops from the middle of held-out real
tracks), with the CPU time of each decode (reconstruction: encoding included).
usage: gl_iters_eval.py --heldout data/heldout --real data/real --out gl_iters.json"""
import argparse, json, sys, time
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from mousai.autoencoder import load_pretrained_dmae
from mousai.reconstruction import reconstruction_scores
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from mousai.audio import crop_or_pad
from heldout_real import real_tracks

p = argparse.ArgumentParser()
p.add_argument("--heldout", default="data/heldout"); p.add_argument("--real", default="data/real")
p.add_argument("--iters", nargs="*", type=int, default=[8, 16, 32])
p.add_argument("--ffts", nargs="*", type=int, default=[1023, 1024]); p.add_argument("--out", required=True)
a = p.parse_args()
T = 187 * 1024
def middle(w): return w[:, w.shape[-1] // 2 - T // 2: w.shape[-1] // 2 - T // 2 + T]
sets = {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0)
                                for r in scan_audio_folder(a.heldout)[0][:16]]),
        "real": torch.stack([middle(load_audio(r.path, 48000, 2)) for r in real_tracks(a.real)[:16]])}
d, rows = load_pretrained_dmae().eval(), []
with torch.no_grad():
    for fft in a.ffts:
        d.config.griffin_lim_fft = fft
        for n in a.iters:
            for s, waves in sets.items():
                t = time.process_time()
                est = torch.cat([d.reconstruct(w, generator=torch.Generator().manual_seed(0),
                                               griffin_lim_iters=n) for w in waves.split(4)])
                rows.append({"set": s, "griffin_lim_fft": fft, "griffin_lim_iters": n,
                             "cpu_s": time.process_time() - t, **reconstruction_scores(est, waves)})
                print(json.dumps(rows[-1]), flush=True)
Path(a.out).write_text(json.dumps({"rows": rows}, indent=1))
