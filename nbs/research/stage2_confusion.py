"""Which prompts a generator gets wrong: the chapter-09 probe's predictions on its clips of the 64 paraphrased
prompts (guidance 5, as `gen_eval.py --guidances 5 --at 5 --seed S` makes them), as confusion counts per
attribute and as accuracy per paraphrase tempo word ("fast tempo" or "at a quick pace"), for chapter 10 §13.
usage (from the data folder): stage2_confusion.py --model DIR --seed S --out F
then (from nbs/): stage2_confusion.py --merge NAME=F0,F1,F2 ... --into results/generator_gpu.json
(counts over the seeds per model, in `reworded_captions` → `confusion`, or in `--key K`).
Stage 1's side (from nbs/): stage2_confusion.py --reconstruct DATA/probe2 DATA/heldout --into
results/generator_eval.json: the probe's tempo confusion on the 3.99 s clips of each folder and on their
`dmae-tiny` reconstructions (decoder noise seed 0), by the shipped decoder, the magnitude head and the true
magnitude (each from PGHI, with dmae-tiny's phase channels), in `tempo_confusion_stage1` (or `--key K`;
`tempo_confusion_stage1_linked` holds the linked-phase decoder of chapter 07c §9)."""
import argparse, json
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.autoencoder import load_pretrained_dmae
from mousai.evaluation import load_probe
from mousai.musicality import paraphrased_prompts, PARAPHRASE_TEMPO_WORDS
from mousai.spectrogram import GRIFFIN_LIM_CHANNELS

p = argparse.ArgumentParser()
p.add_argument("--model"); p.add_argument("--seed", type=int, default=0)
p.add_argument("--guidance", type=float, default=5.0); p.add_argument("--out")
p.add_argument("--merge", nargs="+"); p.add_argument("--into"); p.add_argument("--reconstruct", nargs="+")
p.add_argument("--channels", choices=GRIFFIN_LIM_CHANNELS, help="the decoder's phase per channel (default: "
               "dmae-tiny's)")
p.add_argument("--key", help="where --merge (default: reworded_captions → confusion) or --reconstruct "
               "(default: tempo_confusion_stage1) writes")
a = p.parse_args()

def count(asked, heard):
    "Confusion counts {asked: {heard: n}}."
    conf = {}
    for x, y in zip(asked, heard): conf.setdefault(x, {}).setdefault(y, 0); conf[x][y] += 1
    return conf

def decoders(dmae):
    """Waves → reconstructions by each stage-1 decoder: the shipped default, the magnitude head, and the true
    magnitude (the phase retrieval's ceiling), each from PGHI's phase with the default's iterations and
    channels (one phase for all, or each channel's own)."""
    from true_magnitude import true_magnitude
    true = true_magnitude(dmae.config.griffin_lim_iters, channels=dmae.config.griffin_lim_channels)
    seed = lambda: torch.Generator().manual_seed(0)
    return {"reconstruction": lambda w: dmae.decode(dmae.encode(w), generator=seed()),
            "head": lambda w: dmae.reconstruct(w, method="griffin-lim"),
            "true magnitude": true}

def reconstruct(folders, into, key):
    "The probe's tempo confusion on real builder clips and on their reconstructions by each stage-1 decoder."
    from mousai.evaluation import load_labeled_set
    dmae, probe, doc, out = load_pretrained_dmae(), load_probe(), json.loads(Path(into).read_text()), {}
    for folder in folders:
        x, rows = load_labeled_set(folder, seconds=187 * 1024 / 48000)
        asked = [r["tempo"] for r in rows]
        res = {"original": count(asked, probe.predict(x, 16)["tempo"])}
        for name, f in decoders(dmae).items():
            with torch.no_grad(): rec = torch.cat([f(xx) for xx in x.split(8)])[..., : x.shape[-1]]
            res[name] = count(asked, probe.predict(rec, 16)["tempo"])
        out[Path(folder).name] = res
        print(folder, res, flush=True)
    doc[key or "tempo_confusion_stage1"] = {
        "decoder": "dmae-tiny; reconstruction: the default decoder, seed 0",
        "griffin_lim_channels": dmae.config.griffin_lim_channels, "seconds": 187 * 1024 / 48000, "sets": out}
    Path(into).write_text(json.dumps(doc, indent=1))

def merge(groups, into, key):
    "Per model: tempo confusion counts (asked → heard) and hits per paraphrase tempo word, over its seeds."
    doc, out = json.loads(Path(into).read_text()), {}
    for g in groups:
        name, files = g.split("=")
        rows = [r for f in files.split(",") for r in json.loads(Path(f).read_text())["rows"]]
        conf, words = count([r["asked_tempo"] for r in rows], [r["heard_tempo"] for r in rows]), {}
        for r in rows:
            hit = words.setdefault(r["tempo_word"], [0, 0])
            hit[0] += r["asked_tempo"] == r["heard_tempo"]; hit[1] += 1
        out[name] = {"seeds": len(files.split(",")), "clips": len(rows), "tempo_confusion": conf,
                     "tempo_word_hits": words}
    if key: doc[key] = out
    else: doc["reworded_captions"]["confusion"] = out
    Path(into).write_text(json.dumps(doc, indent=1))
    for name, m in out.items(): print(name, m["tempo_confusion"], m["tempo_word_hits"])

if a.merge: merge(a.merge, a.into, a.key); raise SystemExit
if a.reconstruct: reconstruct(a.reconstruct, a.into, a.key); raise SystemExit
gen, dmae, probe = LatentGenerator.from_pretrained(a.model).eval(), load_pretrained_dmae(), load_probe()
if a.channels: dmae.config.griffin_lim_channels = a.channels
enc = load_generator_text_encoder(gen)
prompts, requests = paraphrased_prompts(64, seed=0)
z = generate_latents(gen, enc, prompts, 187, num_steps=30, guidance_scale=a.guidance, sampler="ddim",
                     generator=torch.Generator().manual_seed(a.seed), batch_size=16)
with torch.no_grad():
    audio = torch.cat([dmae.decode(zz, generator=torch.Generator().manual_seed(a.seed)) for zz in z.split(8)])
pred = probe.predict(audio, 16)
words = [next(w for ws in PARAPHRASE_TEMPO_WORDS.values() for w in ws if w in q.lower()) for q in prompts]
rows = [dict(prompt=q, tempo_word=w, **{f"asked_{k}": r[k] for k in ("family", "style", "tempo")},
             **{f"heard_{k}": pred[k][i] for k in ("family", "style", "tempo")})
        for i, (q, w, r) in enumerate(zip(prompts, words, requests))]
Path(a.out).write_text(json.dumps({"model": a.model, "seed": a.seed, "guidance": a.guidance,
                                   "griffin_lim_channels": dmae.config.griffin_lim_channels, "rows": rows},
                                  indent=1))
print(a.model, a.seed, "tempo", sum(r["asked_tempo"] == r["heard_tempo"] for r in rows) / len(rows))
