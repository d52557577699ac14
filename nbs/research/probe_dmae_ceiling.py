"""Stage 1's ceiling on the chapter-09 probe for the shipped `dmae-tiny` as it decodes now: chapter 09b's slow
cell (192 held-out clips of seed 2, 4 s; the probe on their reconstructions, decoder noise seed 0), run on its
own. Writes `results/probe_dmae.json` (run from nbs/); copy the previous file first when the decoder changed
(`probe_dmae_sc.json` holds the independent-phase decoder of chapter 07c §8, `probe_dmae_linked.json` the
decoder of §9). `--dmae` scores another DMAE folder, `--out` writes elsewhere."""
import argparse, json, os, time
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.autoencoder import load_dmae
from mousai.data import build_music_set
from mousai.evaluation import load_probe, load_labeled_set
from mousai.musicality import probe_on_reconstructions

p = argparse.ArgumentParser()
p.add_argument("--dmae", default=None); p.add_argument("--out", default="results/probe_dmae.json")
a = p.parse_args()
SETS = Path(os.environ.get("MOUSAI_PROBE_SETS", Path.home() / ".cache" / "mousai" / "probe_sets"))
N_HELDOUT, CLIP_SECONDS, HELDOUT_SEED = 192, 4.0, 2
val_dir = build_music_set(SETS / f"val_seed{HELDOUT_SEED}_{CLIP_SECONDS:g}s", N_HELDOUT, CLIP_SECONDS,
                          seed=HELDOUT_SEED, workers=1, progress=False)
wv, rv = load_labeled_set(val_dir, CLIP_SECONDS)
probe, dmae = load_probe(), load_dmae(a.dmae)
t0, g = time.perf_counter(), torch.Generator().manual_seed(0)
rows = probe_on_reconstructions(probe, lambda x: dmae.reconstruct(x, generator=g), wv, rv)
c = dmae.config
md = dmae.magnitude_decoder
Path(a.out).write_text(json.dumps(dict(
    codec=f"the shipped dmae-tiny (chapter 07), decode_method={c.decode_method!r}",
    griffin_lim_init=c.griffin_lim_init, griffin_lim_iters=c.griffin_lim_iters,
    griffin_lim_channels=c.griffin_lim_channels, detail_gain=md.config.detail_gain if md else None,
    clips=len(wv), seconds=CLIP_SECONDS,
    heldout_seed=HELDOUT_SEED, rows=rows, time_s=round(time.perf_counter() - t0, 1)), indent=1) + "\n")
print({k: round(v["reconstruction"], 3) for k, v in rows.items()})
