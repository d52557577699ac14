"""GPU run: train dmae-tiny's magnitude diffusion decoder on its FROZEN latent, for a wall-time budget.
The loss is the library's `_magnitude_diffusion_loss` (v-objective on (log|X| - h(z))/s, cond = normalised
h(z), latent injected); only the decoder runs under bf16 autocast, the frozen encoder/head/STFT in fp32."""
import sys, time, json, glob, random, math, torch, soundfile as sf
from dataclasses import asdict
from safetensors.torch import save_file
from mousai.autoencoder import DMAE
from mousai.dmae_parts import MagnitudeDiffusionConfig
from mousai.autoencoder_training import _add_magnitude_decoder, _select_parts
from mousai.diffusion import v_loss

"usage: stage1_gpu.py NAME WIDTHS ITEMS IN_FEATURES MODULATION MINUTES BATCH LR OUT CROPS_DIR"
name, widths, items, inf, mod, minutes, batch, lr, out, crops_dir = sys.argv[1:11]
widths, items = [int(v) for v in widths.split(",")], [int(v) for v in items.split(",")]
inf, mod, minutes, batch, lr = int(inf), int(mod), float(minutes), int(batch), float(lr)
dev = "cuda" if torch.cuda.is_available() else "cpu"
torch.manual_seed(0); random.seed(0)
torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
m = DMAE.from_pretrained("mousai/pretrained/dmae-tiny")
cfg = MagnitudeDiffusionConfig(widths=widths, items=items, in_features=inf, modulation_features=mod)
_add_magnitude_decoder(m, cfg)
m = m.to(dev); _select_parts(m.train(), "magnitude")
md = m.magnitude_decoder
files = sorted(glob.glob(f"{crops_dir}/*.ogg"))
arrs = [sf.read(f, dtype="float32", always_2d=True)[0].T for f in files]
L0 = min(a.shape[1] for a in arrs)
waves = torch.stack([torch.from_numpy(a[:, :L0].copy()) for a in arrs]).to(dev)
T = 65536
print(name, "crops", tuple(waves.shape), "params", sum(p.numel() for p in md.parameters()), flush=True)

def crops(n):
    i = torch.randint(0, waves.shape[0], (n,), device=dev)
    s = torch.randint(0, L0 - T + 1, (n,), device=dev)
    idx = s[:, None] + torch.arange(T, device=dev)[None]
    return torch.gather(waves[i], 2, idx[:, None, :].expand(n, 2, T))

@torch.no_grad()
def features(wave):
    z = m.encoder(m.to_diffusion(wave)); head = m.magnitude_head(z)
    log_mag = m.encoder.stft.magnitude(wave).clamp(min=1e-5).log()
    return z, head, log_mag

with torch.no_grad():   # per-bin statistics on 256 crops (fit_magnitude_decoder's, on more crops)
    zs = [features(crops(64)) for _ in range(4)]
    md.fit(torch.cat([f[2] for f in zs]), torch.cat([f[1] for f in zs]))
params = [p for p in md.parameters() if p.requires_grad]
opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.99), weight_decay=1e-3)
ema = {k: v.detach().clone() for k, v in md.state_dict().items()}
budget, step, curve, acc = minutes * 60, 0, [], []
t0 = time.time()
while (el := time.time() - t0) < budget:
    frac = el / budget
    for g in opt.param_groups:   # warmup 300 steps, then cosine to 10 %
        g["lr"] = lr * min(1.0, (step + 1) / 300) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
    z, head, log_mag = features(crops(batch))
    with torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
        loss = v_loss(md, md.residual(log_mag, head), inject=z, cond=md.condition(head))
    opt.zero_grad(set_to_none=True); loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0); opt.step(); step += 1
    acc.append(loss.detach())
    with torch.no_grad():
        d = min(0.9995, (1 + step) / (10 + step))
        for k, v in md.state_dict().items():
            if v.dtype.is_floating_point: ema[k].lerp_(v, 1 - d)
    if step % 250 == 0:
        l = torch.stack(acc).mean().item(); acc = []
        curve.append({"step": step, "minutes": (time.time() - t0) / 60, "loss": l})
        print(name, curve[-1], flush=True)
save_file({k: v.float().cpu().contiguous() for k, v in ema.items()}, f"{out}/{name}.safetensors")
json.dump({"name": name, "config": asdict(md.config), "steps": step, "batch": batch, "lr": lr,
           "minutes": (time.time() - t0) / 60, "crops": len(files), "curve": curve,
           "device": torch.cuda.get_device_name() if dev == "cuda" else "cpu"},
          open(f"{out}/{name}.json", "w"), indent=1)
print(name, "saved", step, "steps", flush=True)
