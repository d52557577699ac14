"Griffin-Lim iterations × momentum on TRUE magnitudes of held-out builder clips (phase retrieval alone)."
import json, time, torch
torch.set_num_threads(1)
from mousai.spectrogram import STFT
from mousai.reconstruction import reconstruction_scores
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from mousai.audio import crop_or_pad
recs = scan_audio_folder("data/heldout")[0][:16]
waves = torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), 187 * 1024, offset=0) for r in recs])
from mousai.spectrogram import griffin_lim
stft = STFT(); mag = stft.magnitude(waves)
rows = []
for mom in (0.0, 0.99):
    for it in (4, 8, 16, 32, 64):
        torch.manual_seed(0); t0 = time.process_time()
        y = griffin_lim(mag, length=waves.shape[-1], n_iter=it, stft=stft, momentum=mom)
        r = {"momentum": mom, "iters": it, **reconstruction_scores(y, waves),
             "cpu_s_per_audio_s": (time.process_time() - t0) / (16 * 3.989)}
        rows.append(r); print(json.dumps(r), flush=True)
open("phase.json", "w").write(json.dumps(rows, indent=1))
