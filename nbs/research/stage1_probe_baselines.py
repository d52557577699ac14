"""The chapter-09 probe on chapter 07c's baselines, as on the decoders of §9–10: silence, the two 64×
codecs (chapter 02b) and Griffin-Lim from the true magnitude (`baseline_reconstructions`: random start, 32
iterations, each channel's own phase; and PGHI + 4 with one phase for both, the retrieval the shipped decoder
uses), on the 64 labelled clips of probe2: accuracy per attribute and Fréchet distance to the originals. Run
from the data folder (one CPU thread): python .../stage1_probe_baselines.py --out F; then from nbs/:
python research/stage1_probe_baselines.py --into F results/stage1_decoders.json (adds `probe_baselines`)."""
import json, sys
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from mousai.reconstruction import baseline_reconstructions
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
from stage1_clips import T, parse_args, merge_into  # noqa: E402

a = parse_args()
if a.into:
    merge_into(a.into, "probe_baselines", "the probe on reconstructions of the 64 labelled clips of probe2 "
               "by chapter 07c's baselines (research/stage1_probe_baselines.py)")
    raise SystemExit
from true_magnitude import true_magnitude  # noqa: E402

probe = load_probe()
pw, attrs = load_labeled_set("probe2", seconds=3.989, limit=64)
pw = crop_or_pad(pw, T)
with torch.no_grad():
    batches = [baseline_reconstructions(w) for w in pw.split(8)]
    recon = {k: torch.cat([b[k] for b in batches]) for k in batches[0]}
    linked = true_magnitude(4, channels="linked")
    recon["Griffin-Lim, true magnitude, PGHI + 4, one phase"] = torch.cat([linked(w) for w in pw.split(8)])
rows = []
for name, rec in recon.items():
    it = iter(rec.split(8))
    res = probe_on_reconstructions(probe, lambda x: next(it), pw, attrs)
    row = {"method": name, **{k: v["reconstruction"] for k, v in res.items()},
           "frechet": probe_frechet(probe, pw, rec)}
    rows.append(row); print(json.dumps(row), flush=True)
Path(a.out).write_text(json.dumps(rows, indent=1))
