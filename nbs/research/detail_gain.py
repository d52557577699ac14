"""Chapter 07c §10: the detail post-filter (`sharpen_detail`, chapter 07) on the shipped magnitude diffusion
decoder. Its gain is chosen on validation clips that no score below uses (16 stage-2 builder clips of
`gen3200`, 16 crops of the decoder's real training tracks), by the mean MR-STFT of the two sets; then the
shipped decoder without and with it is scored like stage1_linked_eval.py: the 16 held-out builder clips and 16
held-out real crops of stage1_eval.py, the chapter-09 probe on 64 labelled clips at three seeds, the decode
time. Run from the data folder (one CPU thread): python .../detail_gain.py --out F; then from nbs/:
python research/detail_gain.py --into F results/stage1_decoders.json (adds `detail_gain`)."""
import json, sys, time
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from mousai.autoencoder import load_pretrained_dmae
from mousai.reconstruction import reconstruction_scores
from mousai.data import load_audio
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
from stage1_clips import T, parse_args, merge_into, middle, heldout_sets  # noqa: E402

a = parse_args(lambda p: p.add_argument("--gains", nargs="+", type=float, default=[1.0, 1.2, 1.4, 1.6, 1.8]))
if a.into:
    merge_into(a.into, "detail_gain",
               "dmae-tiny as shipped before §10 (PGHI + 4, one phase for both channels), its magnitude "
               "diffusion decoder's detail post-filter at gain g (bins 4); selection: mean MR-STFT on 16 "
               "gen3200 builder clips and 16 crops of the decoder's real training tracks; rows: the clips of "
               "stage1_eval.py, the probe on 64 labelled clips of probe2 (3 seeds), seconds: CPU seconds to "
               "decode and score the 16 builder clips, one thread", wrap=lambda res: res)
    raise SystemExit
from heldout_real import real_tracks, HELD_OUT  # noqa: E402 (the data folder's real tracks)

dmae = load_pretrained_dmae().eval()
cfg = dmae.magnitude_decoder.config
validation = {"builder": torch.stack([crop_or_pad(load_audio(q, 48000, 2), T, offset=0)
                                      for q in sorted(Path("gen3200").glob("*.ogg"))[-16:]]),
              "real": torch.stack([middle(load_audio(r.path, 48000, 2), 0.3)
                                   for r in real_tracks("real")[HELD_OUT:HELD_OUT + 16]])}
sets = heldout_sets()
fn = lambda w, seed=0: dmae.reconstruct(w, generator=torch.Generator().manual_seed(seed))
scores = lambda waves: reconstruction_scores(torch.cat([fn(w) for w in waves.split(4)]), waves)

out = {"selection": []}
with torch.no_grad():
    for g in a.gains:
        cfg.detail_gain = g
        row = {"gain": g, **{s: scores(w) for s, w in validation.items()}}
        row["mr_stft"] = (row["builder"]["mr_stft"] + row["real"]["mr_stft"]) / 2
        out["selection"].append(row); print(json.dumps(row), flush=True)
    best = min(out["selection"], key=lambda r: r["mr_stft"])["gain"]
    out["chosen"] = best
    probe = load_probe()
    pw, attrs = load_labeled_set("probe2", seconds=3.989, limit=64)
    pw = crop_or_pad(pw, T)
    out["rows"] = []
    for g in (1.0, best):
        cfg.detail_gain = g
        row = {"gain": g}
        for s, waves in sets.items():
            t = time.process_time()
            row[s] = scores(waves)
            if s == "builder": row["seconds"] = time.process_time() - t
        row["probe_seeds"] = []
        for seed in a.seeds:
            rec = torch.cat([fn(w, seed) for w in pw.split(8)])
            it = iter(rec.split(8))
            res = probe_on_reconstructions(probe, lambda x: next(it), pw, attrs)
            pr = {k: v["reconstruction"] for k, v in res.items()}
            pr["frechet"] = probe_frechet(probe, pw, rec)
            row["probe_seeds"].append(pr)
        row["probe"] = {k: sum(r[k] for r in row["probe_seeds"]) / len(a.seeds)
                        for k in row["probe_seeds"][0]}
        out["rows"].append(row); print(json.dumps(row), flush=True)
Path(a.out).write_text(json.dumps(out, indent=1))
