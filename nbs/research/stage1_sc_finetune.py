"""CPU fine-tune (one thread) of the shipped dmae-tiny's magnitude diffusion decoder on the frozen latent,
with the loss the library's `_magnitude_diffusion_loss` computes when `sc_weight` = W: the v-loss of the
residual plus W × `one_step_sc`, the spectral convergence of the one-step (σ = 1) magnitude
exp(h + s·x̂₀ + gain) against |X| (chapter 07c §5). The runs of 07c computed the same formula inline, with
σ = 1's noise drawn through `v_loss`; this calls the library's. Random 2¹⁶-sample crops of the crops of
`stage1_gpu_crops.py`, batch BATCH, AdamW (0.9, 0.99), 100 warmup steps and a cosine decay to 10 % over
MINUTES of wall time, EMA 0.999; INIT continues an earlier run's EMA weights. On a GPU (when one is there) the
crops live on it and the v-loss runs under bf16 autocast, as `stage1_gpu.py` trained the shipped decoder; the
spectral-convergence term stays in fp32. BF16=1 runs the v-loss under bf16 autocast on a CPU too; GAIN_DB sets
the decoder's gain that the term decodes with (INIT's, when INIT comes from another shipped decoder).
usage: stage1_sc_finetune.py NAME W MINUTES BATCH LR OUT CROPS_DIR [INIT.safetensors]"""
import os, sys, time, json, glob, random, math, torch, soundfile as sf
from safetensors.torch import save_file
from mousai.autoencoder import load_pretrained_dmae
from mousai.diffusion import v_loss
dev = "cuda" if torch.cuda.is_available() else "cpu"
if dev == "cpu": torch.set_num_threads(1)
torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
name, w, minutes, batch, lr, out, crops_dir = sys.argv[1:8]
w, minutes, batch, lr = float(w), float(minutes), int(batch), float(lr)
torch.manual_seed(0); random.seed(0)
m = load_pretrained_dmae().to(dev)
m.eval()
md = m.magnitude_decoder.float().train()
if len(sys.argv) > 8:                       # continue from an earlier fine-tune
    from safetensors.torch import load_file
    md.load_state_dict(load_file(sys.argv[8], device=dev))
if "GAIN_DB" in os.environ: md.config.gain_db = float(os.environ["GAIN_DB"])
for p in m.parameters(): p.requires_grad_(False)
for p in md.parameters(): p.requires_grad_(True)
files = sorted(glob.glob(f"{crops_dir}/*.ogg"))
arrs = [sf.read(f, dtype="float32", always_2d=True)[0].T for f in files]
L0 = min(a.shape[1] for a in arrs)
waves = torch.stack([torch.from_numpy(a[:, :L0].copy()) for a in arrs])
T = 65536
def crops(n):
    i = torch.randint(0, waves.shape[0], (n,)); s = torch.randint(0, L0 - T + 1, (n,))
    if dev == "cpu": return torch.stack([waves[a, :, b:b + T] for a, b in zip(i.tolist(), s.tolist())])
    idx = (s[:, None] + torch.arange(T)[None]).to(dev)
    return torch.gather(gwaves[i.to(dev)], 2, idx[:, None, :].expand(n, gwaves.shape[1], T))
gwaves = waves.to(dev) if dev == "cuda" else None
@torch.no_grad()
def features(wave):
    z = m.encoder(m.to_diffusion(wave)); head = m.magnitude_head(z)
    mag = m.encoder.stft.magnitude(wave)
    return z, head, mag
params = [p for p in md.parameters() if p.requires_grad]
opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.99), weight_decay=1e-3)
ema = {k: v.detach().clone() for k, v in md.state_dict().items()}
budget, step, curve, acc, accs = minutes * 60, 0, [], [], []
t0 = time.time()
while (el := time.time() - t0) < budget:
    frac = el / budget
    for g in opt.param_groups:
        g["lr"] = lr * min(1.0, (step + 1) / 100) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
    z, head, mag = features(crops(batch))
    log_mag = mag.clamp(min=1e-5).log()
    x0 = md.residual(log_mag, head); cond = md.condition(head)
    with torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda" or os.environ.get("BF16") == "1"):
        lv = v_loss(md, x0, inject=z, cond=cond)
    loss = lv
    if w > 0:
        sc = md.one_step_sc(z, head, mag)
        loss = lv + w * sc; accs.append(sc.detach())
    opt.zero_grad(set_to_none=True); loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0); opt.step(); step += 1
    acc.append(lv.detach())
    with torch.no_grad():
        d = min(0.999, (1 + step) / (10 + step))
        for k, v in md.state_dict().items():
            if v.dtype.is_floating_point: ema[k].lerp_(v, 1 - d)
    if step % 50 == 0:
        curve.append({"step": step, "minutes": (time.time() - t0) / 60,
                      "v_loss": torch.stack(acc).mean().item(),
                      "sc": torch.stack(accs).mean().item() if accs else None}); acc, accs = [], []
        print(name, curve[-1], flush=True)
save_file({k: v.float().cpu().contiguous() for k, v in ema.items()}, f"{out}/{name}.safetensors")
json.dump({"name": name, "w": w, "steps": step, "batch": batch, "lr": lr, "minutes": (time.time() - t0) / 60,
           "crops": len(files), "curve": curve,
           "device": torch.cuda.get_device_name() if dev == "cuda" else "cpu",
           "bf16": dev == "cuda" or os.environ.get("BF16") == "1"},
          open(f"{out}/{name}.json", "w"), indent=1)
print(name, "saved", step, "steps", flush=True)
