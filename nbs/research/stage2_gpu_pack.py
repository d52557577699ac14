"""Pack a latent cache (`mousai cache-latents`) and its caption embeddings into one small file for a GPU run:
latents and token embeddings as int8 with per-row absmax scales (float16), padding tokens dropped.
`q8` and `read_latents` are shared with `stage2_variants_pack.py`.
usage: stage2_gpu_pack.py LATENT_DIR OUT_FILE"""
import sys, json, torch
from safetensors import safe_open
from safetensors.torch import save_file
from mousai.latents import read_latent_index
from mousai.generator import load_text_embeddings

def q8(x, dim):
    "int8 with a float16 absmax scale per row along `dim`."
    s = x.abs().amax(dim, keepdim=True).clamp(min=1e-8) / 127
    return (x / s).round().clamp(-127, 127).to(torch.int8), s.half()

def read_latents(src):
    "The cache's latents as one tensor [N, C, T] and its index (rows: shard, row, info with the caption)."
    index = read_latent_index(src)
    z = torch.empty(len(index["rows"]), *safe_open(str(index["shards"][0]), "pt").get_slice("latents")
                    .get_shape()[1:])
    for i, (shard, row, _) in enumerate(index["rows"]):
        z[i] = safe_open(str(index["shards"][shard]), "pt").get_slice("latents")[row: row + 1][0]
    return z, index

def save_pack(out, z, index, emb_rows, captions, **extra):
    "Latents and the token embeddings of `captions` (one [n, D] per caption) quantised into one file."
    zq, zs = q8(z, 2)
    eq, es = q8(torch.cat(emb_rows), 1)
    lens = [len(e) for e in emb_rows]
    save_file({"latents": zq, "latent_scale": zs, "embedding": eq, "embedding_scale": es,
               "lengths": torch.tensor(lens), "mean": torch.as_tensor(index["stats"]["mean"]).float(),
               "std": torch.as_tensor(index["stats"]["std"]).float(), **extra}, out,
              metadata={"captions": json.dumps(captions), "source": "dmae-tiny latents of builder clips"})
    err = ((zq.float() * zs.float() - z).pow(2).mean() / z.pow(2).mean()).sqrt().item()
    print(out, tuple(z.shape), "captions", len(captions), "tokens", sum(lens), "longest", max(lens),
          f"latent int8 relative rms error {err:.4f}")

if __name__ == "__main__":
    src, out = sys.argv[1], sys.argv[2]
    z, index = read_latents(src)
    text = load_text_embeddings(f"{src}/text_embeddings.safetensors")
    emb_rows, captions = [], []
    for shard, row, info in index["rows"]:
        t = text["index"][info["text"]]
        emb_rows.append(text["embedding"][t][: int(text["mask"][t].sum())]); captions.append(info["text"])
    save_pack(out, z, index, emb_rows, captions)
