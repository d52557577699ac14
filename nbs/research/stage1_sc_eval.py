"""Score the magnitude decoders fine-tuned with a spectral-convergence term (`stage1_sc_finetune.py`) against
the shipped decoder and the head, through the library's `reconstruct`: each fine-tune's gain is
recalibrated as `ship_magnitude_decoder.py` does (64 shuffled training crops); the clips of
`stage1_eval.py` (16 held-out builder clips, 16 middle crops of held-out real tracks), MR-STFT split into
its spectral-convergence and log-magnitude terms, and the chapter-09 probe on reconstructions of 64
labelled clips.
Run from the data folder: python .../stage1_sc_eval.py --runs ft --names head shipped w1 w3 --out F.json"""
import argparse, glob, json, random, sys
from pathlib import Path
import torch, soundfile as sf
torch.set_num_threads(1)
sys.path.insert(0, str(Path(__file__).parent))
from safetensors.torch import load_file
from mousai.autoencoder import load_pretrained_dmae
from mousai.autoencoder_training import calibrate_gain
from mousai.reconstruction import reconstruction_scores
from mousai.measures import MR_STFT_RESOLUTIONS, mr_stft_terms
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from mousai.audio import crop_or_pad
from mousai.evaluation import load_probe, load_labeled_set, probe_frechet
from mousai.musicality import probe_on_reconstructions
from heldout_real import real_tracks

p = argparse.ArgumentParser()
p.add_argument("--runs", default="ft"); p.add_argument("--names", nargs="+", required=True)
p.add_argument("--crops", default="crops"); p.add_argument("--out", required=True)
a = p.parse_args()
T = 187 * 1024
def middle(w): return w[:, w.shape[-1] // 2 - T // 2: w.shape[-1] // 2 - T // 2 + T]
sets = {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0)
                                for r in scan_audio_folder("heldout")[0][:16]]),
        "real": torch.stack([middle(load_audio(r.path, 48000, 2)) for r in real_tracks("real")[:16]])}
files = sorted(glob.glob(f"{a.crops}/*.ogg")); random.Random(0).shuffle(files)
calibration = [torch.from_numpy(sf.read(f, dtype="float32", always_2d=True)[0].T[:, :65536].copy())
               for f in files[:64]]
probe = load_probe()
pw, attrs = load_labeled_set("probe2", seconds=3.989, limit=64)
pw = crop_or_pad(pw, T)

def terms(est, ref):
    "MR-STFT's two terms per resolution (spectral convergence, log-magnitude L1), averaged over clips."
    return {f"{k}_{n_fft}": v.mean().item() for (n_fft, _, _), (sc, lm) in
            zip(MR_STFT_RESOLUTIONS, mr_stft_terms(est, ref)) for k, v in (("sc", sc), ("lm", lm))}

rows = []
with torch.no_grad():
    for name in a.names:
        d, gain, method = load_pretrained_dmae().eval(), None, None
        if name == "head": method = "griffin-lim"
        elif name != "shipped":
            m = d.magnitude_decoder
            state = load_file(f"{a.runs}/{name}.safetensors")
            m.load_state_dict({k: v.to(m.state_dict()[k].dtype) for k, v in state.items()})
            gain = calibrate_gain(d, calibration)
        fn = lambda w: d.reconstruct(w, method=method, generator=torch.Generator().manual_seed(0))
        for s, waves in sets.items():
            est = torch.cat([fn(w) for w in waves.split(4)])
            rows.append({"name": name, "gain_db": gain, "set": s, **reconstruction_scores(est, waves),
                         **terms(est, waves)})
            print(json.dumps(rows[-1]), flush=True)
        res = probe_on_reconstructions(probe, fn, pw, attrs)
        fd = probe_frechet(probe, pw, torch.cat([fn(w) for w in pw.split(8)]))
        rows.append({"name": name, "set": "probe", "frechet": fd,
                     **{k: v["reconstruction"] for k, v in res.items()}})
        print(json.dumps(rows[-1]), flush=True)
Path(a.out).write_text(json.dumps(rows, indent=1))
