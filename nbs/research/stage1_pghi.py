"""Griffin-Lim's start (random phase or PGHI, chapter 02) under each stage-1 decoder: the true magnitude
(the phase's ceiling), the head, and the shipped magnitude diffusion decoder at 16, 8 and 4 iterations.
Scored like `stage1_sc_eval.py` (16 held-out builder clips, 16 middle crops of held-out real tracks, seed 0)
with the CPU time of those 32 reconstructions (one thread), and the chapter-09 probe on reconstructions of
the 64 labelled clips at several seeds of the decoder's random numbers.
Run from the data folder, one process per core:
python .../stage1_pghi.py --configs true:random:16 shipped:pghi:4 … --out F.json, then
python .../stage1_pghi.py --merge F1.json F2.json --out nbs/results/stage1_pghi.json"""
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
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
from mousai.spectrogram import STFT
from true_magnitude import true_magnitude
from heldout_real import real_tracks

p = argparse.ArgumentParser()
p.add_argument("--configs", nargs="+", help="decoder:init:iters, decoder = true|head|shipped")
p.add_argument("--merge", nargs="+", help="result files to merge into --out, in the chapter's order")
p.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2]); p.add_argument("--out", required=True)
a = p.parse_args()
if a.merge:
    parts = [json.loads(Path(f).read_text()) for f in a.merge]
    order = lambda r: (["true", "head", "shipped"].index(r["decoder"]), r["init"] != "random", -r["iters"],
                       r.get("set", ""), r.get("seed", 0))
    merged = {k: sorted((r for part in parts for r in part[k]), key=order) for k in ("rows", "probe")}
    Path(a.out).write_text(json.dumps(merged, indent=1)); sys.exit()
T = 187 * 1024
def middle(w): return w[:, w.shape[-1] // 2 - T // 2: w.shape[-1] // 2 - T // 2 + T]
sets = {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0)
                                for r in scan_audio_folder("heldout")[0][:16]]),
        "real": torch.stack([middle(load_audio(r.path, 48000, 2)) for r in real_tracks("real")[:16]])}
probe = load_probe()
pw, attrs = load_labeled_set("probe2", seconds=3.989, limit=64)
pw = crop_or_pad(pw, T)
d, stft = load_pretrained_dmae().eval(), STFT()

def reconstructor(decoder: str, init: str, iters: int, seed: int):
    "waves → reconstructions; the true magnitude is scaled back to its energy, as the DMAE's decoders are."
    if decoder != "true":
        method = "griffin-lim" if decoder == "head" else "magnitude-diffusion"
        return lambda w: d.reconstruct(w, method=method, griffin_lim_iters=iters, griffin_lim_init=init,
                                       generator=torch.Generator().manual_seed(seed))
    tm = true_magnitude(iters, init, stft=stft)
    def true(w):
        torch.manual_seed(seed)
        return tm(w)
    return true

rows, probes = [], []
with torch.no_grad():
    for spec in a.configs:
        decoder, init, iters = spec.split(":"); iters = int(iters)
        fn = reconstructor(decoder, init, iters, 0)
        t = time.process_time()
        est = {s: torch.cat([fn(w) for w in waves.split(4)]) for s, waves in sets.items()}
        cpu = time.process_time() - t
        for s, waves in sets.items():
            rows.append(dict(decoder=decoder, init=init, iters=iters, set=s, cpu_s_32=cpu,
                             **reconstruction_scores(est[s], waves)))
            print(json.dumps(rows[-1]), flush=True)
        # the true magnitude with PGHI has no random numbers: one seed
        for seed in (a.seeds[:1] if decoder == "true" and init == "pghi" else a.seeds):
            rec = torch.cat([reconstructor(decoder, init, iters, seed)(w) for w in pw.split(8)])
            batches = iter(rec.split(8))
            res = probe_on_reconstructions(probe, lambda x: next(batches), pw, attrs)
            probes.append(dict(decoder=decoder, init=init, iters=iters, seed=seed,
                               frechet=probe_frechet(probe, pw, rec),
                               **{k: v["reconstruction"] for k, v in res.items()}))
            print(json.dumps(probes[-1]), flush=True)
        Path(a.out).write_text(json.dumps(dict(rows=rows, probe=probes), indent=1))
