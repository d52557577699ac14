"""Issue 18, stage 1: the shipped dmae-tiny and its fine-tunes on builder + real music, scored with
the same code on held-out builder clips and on crops of the 16 held-out real tracks
(each at 25 / 50 / 75 % of its length), next to both 64x codecs; and the chapter-09 probe on reconstructions
of builder clips (the stage-1 ceiling). Decoder: each model's default (magnitude head + Griffin-Lim)."""
import argparse, json, time
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.autoencoder import load_dmae, pretrained_dir
from mousai.reconstruction import reconstruction_scores, baseline_reconstructions
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from heldout_real import real_tracks
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions

p = argparse.ArgumentParser()
p.add_argument("--models", nargs="+", default=[])
p.add_argument("--heldout", default="data/heldout")
p.add_argument("--real", default="data/real")
p.add_argument("--probe-set", default="data/probe2")
p.add_argument("--out", required=True)
args = p.parse_args()
T = 187 * 1024                                        # 3.99 s, a multiple of the DMAE's downsampling

def real_crops(real: Path, n: int = 16) -> torch.Tensor:
    out = []
    for r in real_tracks(real)[:n]:
        w = load_audio(r.path, 48000, 2)
        out += [w[:, int(f * w.shape[-1]) - T // 2:][:, :T] for f in (0.25, 0.5, 0.75)]
    return torch.stack(out)

recs = scan_audio_folder(args.heldout)[0][:48]
sets = {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0) for r in recs]),
        "real": real_crops(Path(args.real))}
print({k: tuple(v.shape) for k, v in sets.items()}, flush=True)
rows, probe_rows = [], []
for name, waves in sets.items():
    torch.manual_seed(0)
    for b, est in baseline_reconstructions(waves).items():
        if "64" in b: rows.append({"set": name, "model": b, **reconstruction_scores(est, waves)}); print(
            rows[-1], flush=True)
probe = load_probe()
pw, attrs = load_labeled_set(args.probe_set, seconds=T / 48000, limit=64)
pw = crop_or_pad(pw, T)
for m in ["shipped"] + args.models:
    model = load_dmae(pretrained_dir("dmae-tiny") if m == "shipped" else m).eval()
    rec = lambda w: model.reconstruct(w, generator=torch.Generator().manual_seed(0))
    label = m if m == "shipped" else Path(m).parent.name if Path(m).name == "model" else Path(m).name
    for name, waves in sets.items():
        t0 = time.process_time()
        with torch.no_grad(): est = torch.cat([rec(w) for w in waves.split(8)])
        rows.append({"set": name, "model": label, **reconstruction_scores(est, waves),
                     "cpu_s": time.process_time() - t0})
        print(rows[-1], flush=True)
    res = probe_on_reconstructions(probe, rec, pw, attrs)
    with torch.no_grad(): fd = probe_frechet(probe, pw, torch.cat([rec(w) for w in pw.split(8)]))
    probe_rows.append({"model": label, "frechet": fd, **{k: v["reconstruction"] for k, v in res.items()},
                       "original": {k: v["original"] for k, v in res.items()}})
    print(probe_rows[-1], flush=True)
Path(args.out).write_text(json.dumps({"rows": rows, "probe": probe_rows,
                                      "n": {k: len(v) for k, v in sets.items()}}, indent=1))
