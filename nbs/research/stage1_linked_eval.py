"""Both channels from one retrieved phase (chapter 02's `linked_griffin_lim`) against each channel's own, for
the shipped `dmae-tiny`'s decoders and for Griffin-Lim from the true magnitude, all from PGHI + 4 iterations:
the clips of `stage1_eval.py` (16 held-out builder clips, 16 middle crops of held-out real tracks), the
chapter-09 probe on reconstructions of 64 labelled clips (the shipped decoder at three seeds of its random
numbers), and the decode time. Run from the data folder (one CPU thread):
python .../stage1_linked_eval.py --out F; then from nbs/: python research/stage1_linked_eval.py --into F
results/stage1_decoders.json (adds `linked_phase`)."""
import json, sys, time
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from mousai.autoencoder import load_pretrained_dmae
from mousai.reconstruction import reconstruction_scores
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
from stage1_clips import T, parse_args, merge_into, heldout_sets  # noqa: E402

a = parse_args()
if a.into:
    merge_into(a.into, "linked_phase", "dmae-tiny as shipped; PGHI + 4 Griffin-Lim iterations for every "
               "decoder; builder/real: the clips of stage1_eval.py; probe: 64 labelled clips of probe2; "
               "seconds: CPU seconds to decode the 16 builder clips, one thread")
    raise SystemExit
from true_magnitude import true_magnitude  # noqa: E402

sets = heldout_sets()
probe, dmae = load_probe(), load_pretrained_dmae().eval()
pw, attrs = load_labeled_set("probe2", seconds=3.989, limit=64)
pw = crop_or_pad(pw, T)

rows = []
with torch.no_grad():
    for channels in ("independent", "linked"):
        for name in ("true magnitude", "head", "shipped"):
            seeds = a.seeds if name == "shipped" else a.seeds[:1]
            for seed in seeds:
                fn = (true_magnitude(4, channels=channels) if name == "true magnitude" else
                      lambda w: dmae.reconstruct(w, method="griffin-lim" if name == "head" else None,
                                                 griffin_lim_channels=channels,
                                                 generator=torch.Generator().manual_seed(seed)))
                row = {"name": name, "channels": channels, "seed": seed}
                if seed == seeds[0]:
                    for s, waves in sets.items():
                        t = time.process_time()
                        est = torch.cat([fn(w) for w in waves.split(4)])
                        if s == "builder": row["seconds"] = time.process_time() - t
                        row[s] = reconstruction_scores(est, waves)
                res = probe_on_reconstructions(probe, fn, pw, attrs)
                row["probe"] = {k: v["reconstruction"] for k, v in res.items()}
                row["probe"]["frechet"] = probe_frechet(probe, pw, torch.cat([fn(w) for w in pw.split(8)]))
                rows.append(row); print(json.dumps(row), flush=True)
Path(a.out).write_text(json.dumps(rows, indent=1))
