"""Spectrograms and short players for chapter 07 §18: one crop of a held-out real track (the middle of the
first of stage1_finetune_eval.py's held-out tracks), reconstructed by the shipped dmae-tiny and
its fine-tunes."""
import sys
from pathlib import Path
import torch
torch.set_num_threads(1)
import matplotlib; matplotlib.use("Agg")
import matplotlib.pyplot as plt
from mousai.autoencoder import load_dmae, pretrained_dir
from mousai.data import load_audio
from heldout_real import real_tracks
from mousai.audio import save_audio
from mousai.spectrogram import STFT, plot_spectrogram

real, out = Path(sys.argv[1]), Path(sys.argv[2])
T = 141 * 1024                                                    # 3.0 s
w = load_audio(real_tracks(real)[0].path, 48000, 2)
x = w[:, w.shape[-1] // 2 - T // 2:][:, :T][None]
models = {"original": None, "shipped dmae-tiny": pretrained_dir("dmae-tiny"),
          "fine-tuned head": "runs/stage1_ft/head/model",
          "fine-tuned encoder + head": "runs/stage1_ft/latent/model"}
stft = STFT()
fig, axs = plt.subplots(len(models), 1, figsize=(10, 2.3 * len(models)), constrained_layout=True)
for ax, (name, path) in zip(axs, models.items()):
    if path is None: y = x
    else:
        with torch.no_grad():
            y = load_dmae(path).eval().reconstruct(x, generator=torch.Generator().manual_seed(0))
    plot_spectrogram(stft.magnitude(y[0, 0]), ax=ax, title=f"{name} (held-out real track, 3 s)")
    slug = name.replace(" ", "_").replace("+", "and")
    save_audio(out / f"stage1_finetune_{slug}.ogg", y[0].clamp(-1, 1), 48000)
fig.savefig(out / "stage1_finetune.jpg", dpi=60, pil_kwargs={"quality": 60})
print("wrote", sorted(p.name for p in out.glob("stage1_finetune*")))
