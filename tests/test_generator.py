"""Library tests of `mousai.generator` that do not belong in the chapter's prose: the real
latent-cache format of chapter 07e (`mousai.latents`), worker pickling, damaged caches, cache refresh,
and an exact resume through the trainer."""
import csv, json, pickle, shutil

import pytest
import torch
from safetensors.torch import save_file

from mousai.core import data_samples_dir, get_preset
from mousai.text import TextEncoder, default_text_encoder_name
from mousai.generator import (LatentGenerator, LatentTextDataset, collate_latent_text, generate_latents,
                              prepare_generator_data, train_generator, TEXT_CACHE_NAME)
from mousai.latents import read_latent_index, merge_latent_caches


def write_cache(root, captions, frames=16, seed=0):
    "A small latent cache in the format of `mousai.latents.cache_latents`: one shard + latents.json."
    g = torch.Generator().manual_seed(seed)
    lat = torch.rand(len(captions), 32, frames, generator=g) * 2 - 1
    rows = [{"file": f"clip{i}.ogg", "text": t, "segment": 0, "segments": 1} for i, t in enumerate(captions)]
    root.mkdir(parents=True, exist_ok=True)
    save_file({"latents": lat}, str(root / "shard-00000.safetensors"), metadata={"rows": json.dumps(rows)})
    stats = {"mean": lat.mean((0, 2)).tolist(), "std": lat.std((0, 2)).tolist()}
    (root / "latents.json").write_text(json.dumps({"frames": frames, "shards": ["shard-00000.safetensors"],
                                                   "done": [], "skipped": [], "stats": stats}))
    return root


@pytest.fixture(scope="module")
def encoder():
    return TextEncoder(default_text_encoder_name("tiny"))


def test_real_latent_cache_from_chapter_07(tmp_path, encoder):
    """cache_latents (ch. 07e) → prepare_generator_data → dataset → loss → generate → DMAE.decode,
    on three shipped clips."""
    from mousai import autoencoder
    from mousai.latents import cache_latents
    src, data = data_samples_dir(), tmp_path / "music"
    data.mkdir()
    with open(src / "metadata.csv", newline="") as f: rows = list(csv.DictReader(f))[:3]
    for r in rows: shutil.copy(src / r["file_name"], data / r["file_name"])
    with open(data / "metadata.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0])); w.writeheader(); w.writerows(rows)
    torch.manual_seed(0)
    # untrained, plain data domain: no whitener to fit
    dmae = autoencoder.DMAE.from_preset("tiny", transform="none")
    cache_latents(dmae, data, tmp_path / "latents", seconds=1.0, progress=False)
    index = read_latent_index(tmp_path / "latents")
    assert len(index["rows"]) >= 3 and index["frames"] == round(48000 / 1024)
    assert all(any(r["text"].startswith(m["text"]) for m in rows) for _, _, r in index["rows"]), \
        "captions from metadata.csv"
    prepare_generator_data(tmp_path / "latents", encoder)
    ds = LatentTextDataset(tmp_path / "latents", frames=44)
    batch = collate_latent_text([ds[i] for i in range(3)])
    model = \
        LatentGenerator.from_preset("tiny").set_latent_stats(index["stats"]["mean"], index["stats"]["std"])
    loss = model.loss(batch)
    loss.backward()
    assert torch.isfinite(loss) and all(p.grad is not None for p in model.unet.parameters())
    z = generate_latents(model, encoder, rows[0]["text"], 8, num_steps=3, guidance_scale=3.0)
    assert z.shape == (1, 32, 8)
    assert dmae.decode(z).shape == (1, 2, 8 * 1024)


def test_dataset_pickles_for_workers(tmp_path, encoder):
    root = write_cache(tmp_path / "lat", ["a piano piece", "a cello piece", "drums"])
    prepare_generator_data(root, encoder)
    ds = LatentTextDataset(root, frames=8)
    first = ds[0]                                    # opens a shard: the open file must not travel
    clone = pickle.loads(pickle.dumps(ds))
    assert clone._files == {} and clone[0]["text"] == first["text"]
    loader = torch.utils.data.DataLoader(ds, batch_size=3, num_workers=2, collate_fn=collate_latent_text)
    assert next(iter(loader))["latents"].shape == (3, 32, 8)


def test_damaged_caches_and_refresh(tmp_path, encoder):
    root = write_cache(tmp_path / "lat", ["a piano piece", "a cello piece"])
    path = prepare_generator_data(root, encoder)
    stamp = path.stat().st_mtime_ns
    # complete: kept, encoder not loaded
    assert prepare_generator_data(root, encoder.config).stat().st_mtime_ns == stamp
    write_cache(root, ["a piano piece", "a cello piece", "a new caption"])               # a caption was added
    prepare_generator_data(root, encoder)
    assert len(LatentTextDataset(root)) == 3
    (root / TEXT_CACHE_NAME).unlink()
    with pytest.raises(FileNotFoundError, match="run prepare_generator_data"): LatentTextDataset(root)
    save_file({"latents": torch.zeros(2, 32, 16)}, str(root / "shard-00000.safetensors"),
              metadata={"rows": "[]"})
    with pytest.raises(ValueError, match="holds 2 latents but describes 0 rows"): read_latent_index(root)
    (root / "shard-00000.safetensors").unlink()
    with pytest.raises(FileNotFoundError, match="lists shard-00000.safetensors"): read_latent_index(root)


def test_train_generator_resumes_exactly(tmp_path, encoder):
    root = write_cache(tmp_path / "lat",
                       [f"a {w} piece" for w in ("piano", "cello", "drum", "organ")] * 2, frames=12)
    prepare_generator_data(root, encoder)
    kw = dict(frames=8, batch_size=4, checkpoint_every=3, progress=False)
    straight = train_generator("tiny", root, tmp_path / "a", steps=6, **kw)
    train_generator("tiny", root, tmp_path / "b", steps=3, **kw)
    resumed = train_generator("tiny", root, tmp_path / "b", steps=6, **kw)
    for (k, p), q in zip(straight.state_dict().items(), resumed.state_dict().values()):
        assert torch.allclose(p, q, atol=1e-6), k
    back = LatentGenerator.from_pretrained(tmp_path / "b" / "model")
    assert back.config == get_preset("generator", "tiny")
    assert torch.equal(back.latent_mean, resumed.latent_mean)


def test_merge_latent_caches(tmp_path, encoder):
    """Builder clips + your own recordings: two caches merged by links read as one,
    with the first one's statistics."""
    a = write_cache(tmp_path / "builder", ["piano chords", "organ waltz", "brass melody"], seed=0)
    b = write_cache(tmp_path / "mine",
                    ["Palace, Will Savino", "Chaos God, Muldjord, Death Metal, 2007"], seed=1)
    merged = merge_latent_caches([a, b], tmp_path / "mix")
    index = read_latent_index(merged)
    assert [r["text"] for _, _, r in index["rows"]][3:] == ["Palace, Will Savino",
                                                            "Chaos God, Muldjord, Death Metal, 2007"]
    assert len(index["rows"]) == 5 and index["stats"] == read_latent_index(a)["stats"]
    prepare_generator_data(merged, encoder)
    ds = LatentTextDataset(merged, frames=8)
    assert len(ds) == 5 and ds[4]["latents"].shape == (32, 8) and ds[4]["text"].startswith("Chaos God")
    assert merge_latent_caches([a, b], tmp_path / "mix") == merged, \
        "merging again into the same folder is harmless"
    c = write_cache(tmp_path / "short", ["x"], frames=12)
    with pytest.raises(ValueError, match="same `seconds`"): merge_latent_caches([a, c], tmp_path / "bad")
    with pytest.raises(ValueError, match="at least two"): merge_latent_caches([a], tmp_path / "one")
    with pytest.raises(FileNotFoundError, match="not a latent cache"):
        merge_latent_caches([a, tmp_path / "nothing"], tmp_path / "x")


def test_train_generator_fine_tunes_a_saved_generator(tmp_path):
    "init_from: the shipped generator keeps its architecture and latent normalisation, and its weights move."
    from mousai.autoencoder import pretrained_dir
    shipped = LatentGenerator.from_pretrained(pretrained_dir("generator-tiny"))
    data = write_cache(tmp_path / "mine", ["Palace, Will Savino", "Chaos God, Muldjord", "Game, HyperRogue",
                                           "a waltz"], frames=64)
    tuned = train_generator("tiny", data, tmp_path / "run", steps=2,
                            batch_size=2, checkpoint_every=2, progress=False,
                            init_from=pretrained_dir("generator-tiny"))
    assert tuned.config.channels == shipped.config.channels != get_preset("generator", "tiny").channels
    for name, buf in shipped.named_buffers():
        if "latent" in name:
            assert torch.equal(buf, dict(tuned.named_buffers())[name]), \
                f"{name} changed: the normalisation must be kept"
    moved = sum(float((a - b).abs().sum()) for a, b in zip(shipped.parameters(), tuned.parameters()))
    assert moved > 0, "two training steps must move the weights"
