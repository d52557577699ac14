"""Research: guidance toward one phrase of the prompt (composable guidance, Liu et al. 2022): with v_text the
prompt, v_minus the prompt with the phrase deleted and v_null the null embedding,

    v = v_null + s·(v_text − v_null) + w·(v_text − v_minus),

three network passes per step instead of two. Here the phrase is the tempo words of chapter 09b's paraphrased
prompts, w = 0 is ordinary guidance. Same prompts, noise, sampler (30 DDIM steps) and decoder as gen_eval.py.
Run from the data folder: python .../emphasis_eval.py --seed 0 --ws 0 2 4 --out F"""
import argparse, json, time
from pathlib import Path
import torch
import mousai
torch.set_num_threads(1)
from mousai.generator import LatentGenerator, load_generator_text_encoder, pad_tokens, _rows
from mousai.autoencoder import load_pretrained_dmae
from mousai.diffusion import get_sampler
from mousai.evaluation import load_probe, load_labeled_set
from mousai.musicality import paraphrased_prompts, guidance_curve, PARAPHRASE_TEMPO_WORDS
p = argparse.ArgumentParser()
p.add_argument("--model", default=None); p.add_argument("--seed", type=int, default=0)
p.add_argument("--scale", type=float, default=5.0)
p.add_argument("--ws", nargs="+", type=float, default=[0, 2, 4])
p.add_argument("--phrase", default="tempo", choices=["tempo", "style"])
p.add_argument("--out", required=True)
a = p.parse_args()
shipped = Path(mousai.__file__).parent / "pretrained" / "generator-tiny"
gen = LatentGenerator.from_pretrained(a.model or shipped).eval()
dmae, enc, probe = load_pretrained_dmae(), load_generator_text_encoder(gen), load_probe()
FRAMES, N = 187, 64
prompts, requests = paraphrased_prompts(N, seed=0)


def minus(prompt: str, req: dict) -> str:
    "The prompt with the phrase deleted (and the comma or colon before it)."
    if a.phrase == "tempo":
        words = [w for w in PARAPHRASE_TEMPO_WORDS[req["tempo"]] if w in prompt]
        assert len(words) == 1, (prompt, req)
        return prompt.replace(", " + words[0], "").replace(words[0], "").strip()
    return prompt.replace(req["style"], "music").strip()


minus_prompts = [minus(q, r) for q, r in zip(prompts, requests)]
print(list(zip(prompts[:3], minus_prompts[:3])), flush=True)


def emphasis_denoiser(text, text_minus, w: float):
    b = text.embedding.shape[0]
    null_e, null_m = gen.null_conditioning(b)
    n = max(text.embedding.shape[1], text_minus.embedding.shape[1], null_e.shape[1])
    parts = [pad_tokens(e, m, n) for e, m in ((text.embedding, text.mask),
                                              (text_minus.embedding, text_minus.mask), (null_e, null_m))]
    encd = gen.unet.encode_embedding(torch.cat([e for e, _ in parts]), torch.cat([m for _, m in parts]))
    rows = torch.arange(3 * b)
    def denoise(x, sigma):
        v = gen(torch.cat([x, x, x]), torch.cat([sigma, sigma, sigma]), _rows(encd, rows))
        v_text, v_minus, v_null = v.chunk(3)
        return v_null + a.scale * (v_text - v_null) + w * (v_text - v_minus)
    return denoise


@torch.no_grad()
def generate(prompts_, w):
    g = torch.Generator().manual_seed(a.seed)
    length = gen.unet.config.valid_length(FRAMES)
    noise = torch.stack([torch.randn(gen.config.latent_channels, length, generator=g) for _ in prompts_])
    out = []
    for s in range(0, len(prompts_), 16):
        t, tm = enc(prompts_[s: s + 16]), enc(minus_prompts[s: s + 16])
        x = get_sampler("ddim")(emphasis_denoiser(t, tm, w), noise[s: s + 16], 30)
        out.append(gen.denormalize(x)[..., :FRAMES])
    z = torch.cat(out)
    return torch.cat([dmae.decode(zz, None, generator=torch.Generator().manual_seed(a.seed))
                      for zz in z.split(8)])


real, _ = load_labeled_set("probe2", seconds=FRAMES * 1024 / 48000)
t0 = time.process_time()
rows = guidance_curve(generate, prompts, requests, probe, real, guidances=a.ws)
for r in rows: r["w"] = r.pop("guidance")
out = {"seed": a.seed, "scale": a.scale, "phrase": a.phrase, "n": N, "rows": rows,
       "cpu_min": (time.process_time() - t0) / 60}
Path(a.out).write_text(json.dumps(out, indent=1))
print(json.dumps(rows), flush=True)
