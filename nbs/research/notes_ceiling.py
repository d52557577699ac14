"""The stage-1 ceiling of notes that move: chapter 09b's score on held-out builder clips (3.99 s from each
clip's start, as gen_eval.py uses them) and on their dmae-tiny reconstructions (the shipped default decoder),
per clip. Adds "notes_ceiling" (or KEY) to results/generator_eval.json.
Run from nbs/: python research/notes_ceiling.py DATA/heldout [KEY]"""
import json, sys
from pathlib import Path
import numpy as np, torch
torch.set_num_threads(1)
from mousai.autoencoder import load_pretrained_dmae
from mousai.evaluation import load_labeled_set
from mousai.musicality import notes_that_move
waves, _ = load_labeled_set(sys.argv[1], seconds=187 * 1024 / 48000)
dmae = load_pretrained_dmae().eval()
with torch.no_grad():
    rec = torch.cat([dmae.reconstruct(w, generator=torch.Generator().manual_seed(0)) for w in waves.split(8)])
orig = [notes_that_move(w)["score"] for w in waves]
recon = [notes_that_move(w)["score"] for w in rec]
p = Path("results/generator_eval.json")
ev = json.loads(p.read_text())
key = sys.argv[2] if len(sys.argv) > 2 else "notes_ceiling"
ev[key] = {"decoder": dmae.config.decode_method, "griffin_lim_init": dmae.config.griffin_lim_init,
           "griffin_lim_iters": dmae.config.griffin_lim_iters,
           "griffin_lim_channels": dmae.config.griffin_lim_channels, "n": len(orig), "original": orig,
           "reconstruction": recon}
p.write_text(json.dumps(ev, indent=1))
print(f"median notes that move: originals {np.median(orig):.3f}, reconstructions {np.median(recon):.3f}")
