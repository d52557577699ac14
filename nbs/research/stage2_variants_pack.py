"""Pack a latent cache (`mousai cache-latents`) with K captions per clip for training with condition dropout
per field (chapter 03's `caption_variant`; chapter 10 §13): variant 0 is the clip's own caption, variants
1..K-1 are `caption_variant(row, random.Random(f"mousai-variant:{i}:{k}"))`. Latents and token embeddings
are stored as in `stage2_gpu_pack.py` (int8, per-row absmax scales), embeddings ordered clip-major ([clip 0:
variants 0..K-1], ...).
usage: stage2_variants_pack.py LATENT_DIR OUT_FILE K"""
import sys, json, random, torch
torch.set_num_threads(1)
from safetensors import safe_open
from safetensors.torch import save_file
from mousai.latents import read_latent_index
from mousai.data import caption_variant
from mousai.text import TextEncoder, resolve_text_encoder, MINILM_ID

def q8(x, dim):
    s = x.abs().amax(dim, keepdim=True).clamp(min=1e-8) / 127
    return (x / s).round().clamp(-127, 127).to(torch.int8), s.half()

src, out, K = sys.argv[1], sys.argv[2], int(sys.argv[3])
index = read_latent_index(src)
z = torch.empty(len(index["rows"]), *safe_open(str(index["shards"][0]), "pt").get_slice("latents")
                .get_shape()[1:])
captions = []
for i, (shard, row, info) in enumerate(index["rows"]):
    z[i] = safe_open(str(index["shards"][shard]), "pt").get_slice("latents")[row: row + 1][0]
    captions += [info["text"]] + [caption_variant(info, random.Random(f"mousai-variant:{i}:{k}"))
                                  for k in range(1, K)]
enc = TextEncoder(resolve_text_encoder(MINILM_ID), 64)
emb_rows, lens = [], []
with torch.no_grad():
    for b in range(0, len(captions), 256):
        e = enc(captions[b: b + 256])
        for t in range(len(e)):
            n = int(e.mask[t].sum()); emb_rows.append(e.embedding[t, :n]); lens.append(n)
        print(f"{b + 256}/{len(captions)} captions embedded", flush=True)
zq, zs = q8(z, 2)
eq, es = q8(torch.cat(emb_rows), 1)
save_file({"latents": zq, "latent_scale": zs, "embedding": eq, "embedding_scale": es,
           "lengths": torch.tensor(lens), "variants": torch.tensor(K),
           "mean": torch.as_tensor(index["stats"]["mean"]).float(),
           "std": torch.as_tensor(index["stats"]["std"]).float()}, out,
          metadata={"captions": json.dumps(captions), "source": "dmae-tiny latents of builder clips"})
print(out, tuple(z.shape), "captions", len(captions), "tokens", sum(lens), "longest", max(lens))
