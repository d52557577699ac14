"""Pack a latent cache (`mousai cache-latents`) with K captions per clip (chapter 10 §13): caption 0 is
the clip's own, captions 1..K-1 are made by chapter 03's `caption_variant` (KIND `variant`: parts left out,
condition dropout per field; rng `mousai-variant:{i}:{k}`) or `reworded_caption` (KIND `reworded`: all six
parts in other words; rng `mousai-reword:{i}:{k}`) or `reworded_caption` with `DISJOINT_TEMPO` (KIND
`disjoint`: the same draws, but tempo words whose tokens no other tempo class uses; chapter 10's exercise 8).
Latents and token embeddings are stored as in `stage2_gpu_pack.py` (int8, per-row absmax scales), embeddings
ordered clip-major ([clip 0: captions 0..K-1], ...).
usage: stage2_variants_pack.py LATENT_DIR OUT_FILE K [KIND]"""
import sys, random, functools, torch
torch.set_num_threads(1)
from mousai.data import caption_variant, reworded_caption
from mousai.text import TextEncoder, resolve_text_encoder, MINILM_ID
from stage2_gpu_pack import read_latents, save_pack

# the thesaurus's tempo words with each synonym that shares a MiniLM token with another class replaced
# ("at a gentle speed", "at walking speed", "up-tempo", "at high speed"); same number per class, same draws
DISJOINT_TEMPO = {"slow": ("slowly", "leisurely", "adagio", "lingering"),
                  "medium": ("moderato", "andante", "walking-paced", "moderately"),
                  "fast": ("rapid", "allegro", "speedy", "swift")}

def main():
    src, out, K = sys.argv[1], sys.argv[2], int(sys.argv[3])
    kind = sys.argv[4] if len(sys.argv) > 4 else "variant"
    disjoint = functools.partial(reworded_caption, tempo_words=DISJOINT_TEMPO)
    make, tag = {"variant": (caption_variant, "variant"), "reworded": (reworded_caption, "reword"),
                 "disjoint": (disjoint, "reword")}[kind]
    z, index = read_latents(src)
    captions = [c for i, (_, _, info) in enumerate(index["rows"]) for c in
                [info["text"]] + [make(info, random.Random(f"mousai-{tag}:{i}:{k}")) for k in range(1, K)]]
    enc = TextEncoder(resolve_text_encoder(MINILM_ID), 64)
    emb_rows = []
    with torch.no_grad():
        for b in range(0, len(captions), 256):
            e = enc(captions[b: b + 256])
            emb_rows += [e.embedding[t, : int(e.mask[t].sum())] for t in range(len(e))]
            print(f"{min(b + 256, len(captions))}/{len(captions)} captions embedded", flush=True)
    save_pack(out, z, index, emb_rows, captions, variants=torch.tensor(K))


if __name__ == "__main__":
    main()
