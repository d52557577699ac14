"""GPU run: train a stage-2 latent generator (chapter 10's `LatentGenerator`) on a packed latent cache
(`stage2_gpu_pack.py`), for a wall-time budget. Same objective as `train_generator`: the library's `v_loss`
on normalised latents, caption dropout to the learned null embedding (`LatentGenerator.loss`), AdamW,
warmup then cosine decay, gradient clipping 1, EMA. Data live on the GPU; random crops by gather; the
decoder-free loop runs under bf16 autocast. The last 128 clips are held out: the EMA model's v-loss on them at
8 fixed noise levels (`LatentGenerator.validation_loss`, fixed crops) picks the checkpoint that is saved
(float16). The run in nbs/results/generator_gpu.json drew that validation noise on the GPU, so a rerun's
validation losses differ from it slightly.
With INIT (a saved generator folder of the same shape, e.g. mousai/pretrained/generator-tiny) it fine-tunes
those weights instead of fresh ones; the held-out loss before the first step is logged as step 0.
A pack with K captions per clip (`stage2_variants_pack.py`) trains on a caption drawn at random per clip and
step (condition dropout per field, chapter 10 §13), or on each clip's own caption only with ONLY_OWN=1
(the control);
validation always uses the clips' own captions. STEPS=N stops after N steps instead (the schedule then follows
the step count), so that a run on a busy machine matches an earlier run's steps. SEED=N draws other batches
and noise (default 0; the validation crops and noise stay fixed). EVAL_ONLY=1 (with INIT) prints INIT's
held-out loss and stops. Without a GPU it trains on the CPU, in float32 or, with BF16=1, under bf16 autocast
(a quick timing on one thread: 1.04 s per step against 1.23 in float32; the one-core run of chapter 10 §13).
usage: stage2_gpu.py NAME MINUTES BATCH LR FRAMES CHANNELS FACTORS ITEMS ATTN DATA OUT [INIT]"""
import sys, types, time, json, math, copy, os
for mod in ("soundfile",):        # audio I/O is not used here, and the device image lacks libsndfile
    sys.modules.setdefault(mod, types.ModuleType(mod))
import torch
from safetensors import safe_open
from safetensors.torch import save_file
from mousai.generator import GeneratorConfig, LatentGenerator
from mousai.text import MINILM_ID

name, minutes, batch, lr, frames, ch, fa, it, at, data, out = sys.argv[1:12]
init = sys.argv[12] if len(sys.argv) > 12 else None
minutes, batch, lr, frames = float(minutes), int(batch), float(lr), int(frames)
ints = lambda s: [int(v) for v in s.split(",")]
dev = "cuda" if torch.cuda.is_available() else "cpu"
bf16 = dev == "cuda" or os.environ.get("BF16") == "1"     # BF16=1: bf16 autocast on the CPU too
torch.manual_seed(int(os.environ.get("SEED", 0)))         # SEED=N: another draw of the batches and noise
torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
f = safe_open(data, "pt")
zq, zs = f.get_tensor("latents"), f.get_tensor("latent_scale")
z = (zq.float() * zs.float()).to(dev)                                   # [N, C, T]
lens, eq, es = f.get_tensor("lengths"), f.get_tensor("embedding"), f.get_tensor("embedding_scale")
flat = eq.float() * es.float()
cfg = GeneratorConfig(channels=ints(ch), factors=ints(fa), items=ints(it), attentions=ints(at),
                      cross_attentions=ints(at), attention_heads=4, attention_features=32,
                      modulation_features=128, text_encoder=MINILM_ID, embedding_features=384, max_length=64)
K = int(f.get_tensor("variants")) if "variants" in f.keys() else 1
own_only = os.environ.get("ONLY_OWN") == "1"
L = cfg.max_length if K == 1 else int(lens.max())    # padding is masked: any L ≥ the longest is the same
emb = torch.zeros(len(lens), L, flat.shape[1]); mask = torch.zeros(len(lens), L, dtype=torch.bool)
off = torch.cat([torch.zeros(1, dtype=torch.long), lens.cumsum(0)])
for i, n in enumerate(lens.tolist()):
    emb[i, :n], mask[i, :n] = flat[off[i]: off[i] + n], True
emb, mask = emb.to(dev), mask.to(dev)
N, T = z.shape[0], z.shape[2]
val = torch.arange(N - 128, N, device=dev); ntrain = N - 128
model = LatentGenerator(cfg).to(dev)
model.set_latent_stats(f.get_tensor("mean"), f.get_tensor("std"))
model.latent_mean.data, model.latent_std.data = model.latent_mean.to(dev), model.latent_std.to(dev)
if init is not None:
    start = LatentGenerator.from_pretrained(init)
    same = torch.allclose(start.latent_mean.cpu(), model.latent_mean.cpu(), atol=1e-3)   # float16-stored
    assert same, "INIT was trained on other latents"
    model.load_state_dict({k: v.to(dev) for k, v in start.state_dict().items()})
ema = copy.deepcopy(model).eval().requires_grad_(False)
params = sum(p.numel() for p in model.parameters())
print(name, "clips", N, "frames", T, "params", params, "device", dev, flush=True)

def crop(idx, start):
    return torch.gather(z[idx], 2, (start[:, None] + torch.arange(frames, device=dev))[:, None, :]
                        .expand(len(idx), z.shape[1], frames))

g = torch.Generator(device=dev).manual_seed(1)
vstart = torch.randint(0, T - frames + 1, (128,), device=dev, generator=g)
vx = crop(val, vstart)

vbatch = {"latents": vx, "embedding": emb[val * K], "mask": mask[val * K]}
VSIGMAS = tuple(torch.linspace(0.05, 0.95, 8).tolist())

def val_loss(m):
    "The library's fixed-noise validation v-loss (chapter 10) on the held-out crops."
    with torch.autocast(dev, dtype=torch.bfloat16, enabled=bf16):
        return m.validation_loss(vbatch, sigmas=VSIGMAS, generator=torch.Generator().manual_seed(1))

opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.99), weight_decay=1e-3)
budget, step, curve, acc, best = minutes * 60, 0, [], [], (float("inf"), None, 0)
max_steps = int(os.environ.get("STEPS", 0))
done = (lambda el: step / max_steps) if max_steps else (lambda el: el / budget)   # the schedule's progress
if init is not None:
    curve.append({"step": 0, "minutes": 0.0, "loss": None, "val_loss": val_loss(ema)})
    print(name, json.dumps(curve[-1]), flush=True)
    if os.environ.get("EVAL_ONLY") == "1": sys.exit()        # INIT's held-out loss here, and no run
t0 = time.time()
while done(el := time.time() - t0) < 1:
    for gr in opt.param_groups:   # warmup 300 steps, then cosine to 10 %
        gr["lr"] = lr * min(1.0, (step + 1) / 300) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * done(el))))
    idx = torch.randint(0, ntrain, (batch,), device=dev)
    z_crop = crop(idx, torch.randint(0, T - frames + 1, (batch,), device=dev))
    rows = idx * K + (0 if own_only else torch.randint(0, K, (batch,), device=dev))
    with torch.autocast(dev, dtype=torch.bfloat16, enabled=bf16):   # caption dropout is in .loss
        loss = model.train().loss({"latents": z_crop, "embedding": emb[rows], "mask": mask[rows]})
    opt.zero_grad(set_to_none=True); loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); step += 1
    acc.append(loss.detach())
    with torch.no_grad():
        d = min(0.999, (1 + step) / (10 + step))
        for pe, pm in zip(ema.parameters(), model.parameters()): pe.lerp_(pm, 1 - d)
    if step % 500 == 0:
        vl = val_loss(ema)
        if vl < best[0]:
            best = (vl, {k: v.detach().half().cpu().contiguous() for k, v in ema.state_dict().items()}, step)
        curve.append({"step": step, "minutes": (time.time() - t0) / 60,
                      "loss": torch.stack(acc).mean().item(), "val_loss": vl})
        acc = []
        print(name, json.dumps(curve[-1]), flush=True)
vl = val_loss(ema)
if vl < best[0] or best[1] is None:
    best = (vl, {k: v.detach().half().cpu().contiguous() for k, v in ema.state_dict().items()}, step)
save_file(best[1], f"{out}/{name}.safetensors")
json.dump({"name": name, "config": cfg.__dict__, "params": params, "steps": step,
           "best_step": best[2], "best_val_loss": best[0], "final_val_loss": vl, "batch": batch, "lr": lr,
           "frames": frames, "minutes": (time.time() - t0) / 60, "clips": ntrain, "held_out": 128,
           "curve": curve, "init": init, "captions_per_clip": K, "own_captions_only": own_only,
           "steps_cap": max_steps, "seed": int(os.environ.get("SEED", 0)),
           "device": torch.cuda.get_device_name() if dev == "cuda" else "cpu"},
          open(f"{out}/{name}.json", "w"), indent=1, default=str)
print(name, "saved", step, "steps, best", best[2], best[0], flush=True)
