"""Pack a latent cache (`mousai cache-latents`) and its caption embeddings into one small file for a GPU run:
latents and token embeddings as int8 with per-row absmax scales (float16), padding tokens dropped.
usage: stage2_gpu_pack.py LATENT_DIR OUT_FILE"""
import sys, json, torch
from safetensors.torch import save_file
from mousai.latents import read_latent_index
from mousai.generator import load_text_embeddings
from safetensors import safe_open

def q8(x, dim):
    s = x.abs().amax(dim, keepdim=True).clamp(min=1e-8) / 127
    return (x / s).round().clamp(-127, 127).to(torch.int8), s.half()

src, out = sys.argv[1], sys.argv[2]
index = read_latent_index(src)
text = load_text_embeddings(f"{src}/text_embeddings.safetensors")
z = torch.empty(len(index["rows"]), *safe_open(str(index["shards"][0]), "pt").get_slice("latents")
                .get_shape()[1:])
emb_rows, lens, captions = [], [], []
for i, (shard, row, info) in enumerate(index["rows"]):
    z[i] = safe_open(str(index["shards"][shard]), "pt").get_slice("latents")[row: row + 1][0]
    t = text["index"][info["text"]]
    n = int(text["mask"][t].sum())
    emb_rows.append(text["embedding"][t][:n]); lens.append(n); captions.append(info["text"])
zq, zs = q8(z, 2)
eq, es = q8(torch.cat(emb_rows), 1)
err = ((zq.float() * zs.float() - z).pow(2).mean() / z.pow(2).mean()).sqrt().item()
save_file({"latents": zq, "latent_scale": zs, "embedding": eq, "embedding_scale": es,
           "lengths": torch.tensor(lens), "mean": torch.as_tensor(index["stats"]["mean"]).float(),
           "std": torch.as_tensor(index["stats"]["std"]).float()}, out,
          metadata={"captions": json.dumps(captions), "source": "dmae-tiny latents of builder clips"})
print(out, tuple(z.shape), "tokens", sum(lens), f"latent int8 relative rms error {err:.4f}")
