"""Equal-CPU-time sweep of tiny latent generators (stage 2) on cached dmae-tiny latents; one
thread, process time. Each run: AdamW, warmup 200 steps then cosine decay to 10 % over the CPU budget, EMA;
evaluated with the probe on paraphrased prompts (guidance 3) decoded by the shipped dmae-tiny
(head + Griffin-Lim)."""
import argparse, json, math, random, time
from pathlib import Path

import torch
torch.set_num_threads(1)
from torch.utils.data import DataLoader, Subset
from mousai.generator import (GeneratorConfig, LatentGenerator, LatentTextDataset, collate_latent_text,
    pad_tokens, prepare_generator_data, generate_latents, load_generator_text_encoder)
from mousai.latents import read_latent_index
from mousai.text import TextEncoderConfig, MINILM_ID
from mousai.diffusion import v_loss, alpha_beta, UniformDistribution, LogitNormalDistribution
from mousai.autoencoder import load_pretrained_dmae, load_dmae
from mousai.evaluation import load_probe, text_adherence
from mousai.data import INSTRUMENTS, STYLES, TEMPI

CONFIGS = {
    "base-1k": dict(clips=1000),
    "base-3k": dict(),
    "wide-3k": dict(channels=[96, 192, 192]),
    "deep-attn-3k": dict(attentions=[0, 0, 1]),
    "logitnormal-3k": dict(sigma="logitnormal"),
    "long-crop-3k": dict(frames=272),
    "lr2e-3-3k": dict(lr=2e-3),
    "wide-3k-cont": dict(channels=[96, 192, 192], lr=5e-4),
    "wide-3k-long": dict(channels=[96, 192, 192], lr=4e-4),
    # the v-objective weighted by min-SNR-γ (Hang et al. 2023; for v-prediction w = min(SNR, γ) / (SNR + 1))
    "minsnr-3k": dict(weighting="min-snr-5"),
    # fine-tune on builder clips + real recordings (issue 18)
    "wide-mix": dict(channels=[96, 192, 192], lr=3e-4),
    # the shipped generator re-fitted to the latent of dmae-tiny fine-tuned on builder + real music (issue 18)
    "wide-ft-latent": dict(channels=[96, 192, 192], lr=3e-4),
}
BASE = dict(channels=[64, 128, 128], factors=[1, 2, 2], items=[1, 2, 2],
            attentions=[0, 1, 1], cross_attentions=[0, 1, 1],
            heads=4, head_features=32, modulation=128, clips=None, frames=192, batch=16,
            lr=1e-3, sigma="uniform", weighting=None)

STYLE_WORDS = {"chords": ("block chords", "sustained chords"), "arpeggio": ("arpeggios", "broken chords"),
               "melody": ("a solo melody", "a singing lead line"),
               "bass and chords": ("chords over a bass line", "a bass line under chords"),
               "waltz": ("a waltz in three", "a three-four waltz"),
               "drum groove": ("a beat with drums", "a drum-kit groove")}
TEMPO_WORDS = {"slow": ("slow tempo", "at a slow pace"), "medium": ("medium tempo", "at a moderate pace"),
               "fast": ("fast tempo", "at a quick pace")}
TEMPLATES = ("{instrument} playing {style}, {tempo}", "{style} on {instrument}, {tempo}",
             "music for {instrument}: {style}, {tempo}")

def paraphrased(n, seed=0):
    rng, insts, tempi, out = random.Random(seed), list(INSTRUMENTS), list(TEMPI), []
    for i in range(n):
        inst, style, tempo = insts[i % 16], STYLES[(i // 16 + i) % 6], tempi[(i // 48 + i) % 3]
        text = rng.choice(TEMPLATES).format(instrument=inst, style=rng.choice(STYLE_WORDS[style]),
                                            tempo=rng.choice(TEMPO_WORDS[tempo]))
        out.append((text, dict(instrument=inst, family=INSTRUMENTS[inst][1], style=style, tempo=tempo)))
    return out

def build(cfg):
    return GeneratorConfig(channels=cfg["channels"], factors=cfg["factors"],
                           items=cfg["items"], attentions=cfg["attentions"],
                           cross_attentions=cfg["cross_attentions"], attention_heads=cfg["heads"],
                           attention_features=cfg["head_features"], modulation_features=cfg["modulation"],
                           text_encoder=MINILM_ID, embedding_features=384, max_length=64)

def min_snr_weight(gamma: float):
    "w(σ) = min(SNR, γ) / (SNR + 1), SNR = α²/β² with chapter 04's `alpha_beta` (the v-objective's circle)."
    def w(sigma):
        alpha, beta = alpha_beta(sigma)
        snr = (alpha / beta.clamp(min=1e-4)).pow(2)
        return snr.clamp(max=gamma) / (snr + 1)
    return w

def loss_fn(model, batch, dist, weight=None):
    z, emb, mask = batch["latents"], batch["embedding"], batch["mask"]
    drop = torch.rand(z.shape[0]) < model.config.caption_dropout
    if drop.any():
        emb, mask = pad_tokens(emb, mask, max(emb.shape[1], model.config.max_length))
        null, null_mask = pad_tokens(*model.null_conditioning(z.shape[0]), emb.shape[1])
        emb, mask = torch.where(drop[:, None, None], null, emb), torch.where(drop[:, None], null_mask, mask)
    return v_loss(model, model.normalize(z), sigma_distribution=dist, loss_weight=weight, embedding=emb,
                  embedding_mask=mask)

@torch.no_grad()
def evaluate(model, dmae, probe, prompts, guidance=3.0, frames=192, steps=30):
    texts, req = [p for p, _ in prompts], [r for _, r in prompts]
    enc = load_generator_text_encoder(model)
    z = generate_latents(model, enc, texts, frames, num_steps=steps, guidance_scale=guidance,
                         generator=torch.Generator().manual_seed(0), batch_size=16)
    waves = torch.cat([dmae.decode(zz, generator=torch.Generator().manual_seed(0)) for zz in z.split(8)])
    return {k: v["adherence"] for k, v in text_adherence(probe, waves, req).items()}, waves

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--configs", nargs="+", default=list(CONFIGS))
    p.add_argument("--minutes", type=float, default=10)
    p.add_argument("--data", default="data/lat_gen")
    p.add_argument("--out", default="runs/sweep")
    p.add_argument("--n-prompts", type=int, default=48)
    p.add_argument("--init", default="")
    p.add_argument("--dmae", default="", help="decode with this DMAE folder (default: the shipped dmae-tiny)")
    a = p.parse_args()
    prepare_generator_data(a.data, TextEncoderConfig(MINILM_ID, 64))
    index = read_latent_index(a.data)
    dmae = load_dmae(a.dmae).eval() if a.dmae else load_pretrained_dmae()
    probe, prompts = load_probe(), paraphrased(a.n_prompts)
    for name in a.configs:
        cfg = {**BASE, **CONFIGS.get(name, {})}
        out = Path(a.out) / name; out.mkdir(parents=True, exist_ok=True)
        torch.manual_seed(0); random.seed(0)
        ds = LatentTextDataset(a.data, frames=cfg["frames"])
        if cfg["clips"]: ds = Subset(ds, range(cfg["clips"]))
        model = LatentGenerator(build(cfg))
        model.set_latent_stats(index["stats"]["mean"], index["stats"]["std"])
        if a.init: model.load_state_dict(torch.load(a.init)["state"])
        params = sum(q.numel() for q in model.parameters())
        dist = LogitNormalDistribution() if cfg["sigma"] == "logitnormal" else UniformDistribution()
        weighting = cfg.get("weighting")
        weight = min_snr_weight(float(weighting.split("-")[-1])) if weighting else None
        opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.99), weight_decay=1e-3)
        ema = {k: v.detach().clone() for k, v in model.state_dict().items()}
        dl = DataLoader(ds, batch_size=cfg["batch"], shuffle=True, drop_last=True,
                        collate_fn=collate_latent_text)
        budget, step, losses, curve, start = a.minutes * 60, 0, [], [], time.process_time()
        done = False
        while not done:
            for batch in dl:
                used = time.process_time() - start
                if used >= budget: done = True; break
                lr = cfg["lr"] * min(1, (step + 1) / 200) * (
                    0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * used / budget)))
                for g in opt.param_groups: g["lr"] = lr
                loss = loss_fn(model.train(), batch, dist, weight)
                opt.zero_grad(set_to_none=True); loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); step += 1
                losses.append(loss.item())
                with torch.no_grad():
                    d = min(0.998, (1 + step) / (10 + step))
                    for k, v in model.state_dict().items():
                        if v.dtype.is_floating_point: ema[k].lerp_(v, 1 - d)
                if step % 200 == 0:
                    curve.append({"step": step, "cpu_min": used / 60, "loss": sum(losses[-200:]) / 200})
                    print(name, json.dumps(curve[-1]), flush=True)
        model.load_state_dict(ema); model.eval()
        train_min = (time.process_time() - start) / 60
        torch.save({"config": cfg, "state": model.state_dict(), "steps": step}, out / "model.pt")
        model.save_pretrained(out / "hf")
        t0 = time.process_time()
        adh, _ = evaluate(model, dmae, probe, prompts)
        res = {"name": name, "config": cfg, "params": params, "steps": step, "cpu_minutes": train_min,
               "final_loss": sum(losses[-200:]) / max(1, len(losses[-200:])), "adherence": adh,
               "mean_adherence": sum(adh[k] for k in ("family", "style", "tempo")) / 3,
               "eval_cpu_s": time.process_time() - t0,
               "curve": curve}
        (out / "result.json").write_text(json.dumps(res, indent=1))
        print("RESULT", json.dumps({k: v for k, v in res.items() if k != "curve"}), flush=True)

if __name__ == "__main__":
    main()
