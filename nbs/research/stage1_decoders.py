"""Equal-CPU-time research on stage-1 decoders trained on the FROZEN latent of the shipped dmae-tiny.

variants:
  a   the paper's waveform decoder with this project's fixes (whitened domain, latent injected at the U-Net's
      bottom, v-loss + 0.1 x multi-resolution STFT loss on x0): the shipped dmae-tiny's own U-Net shape and
      loss (`DMAE._diffusion_loss`), trained from a fresh initialisation
  b1  v-diffusion of the normalised log STFT magnitude, latent injected at M/4 (1-D U-Net over STFT frames)
  b2  same, diffusing the residual against the magnitude head's prediction, head log-mag as input condition
  c   waveform v-diffusion (whitened domain, like the paper decoder) conditioned frame by frame on the head's
      log magnitude (injected where the U-Net length equals the STFT frame rate)
"""
import argparse, random, time
from dataclasses import asdict
from pathlib import Path

import torch
import torch.nn as nn

torch.set_num_threads(1)
from mousai.autoencoder import load_pretrained_dmae
from mousai.unet import UNet1d, UNetConfig
from mousai.diffusion import v_loss
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio

p = argparse.ArgumentParser()
p.add_argument("--variant", required=True)
p.add_argument("--minutes", type=float, default=20)
p.add_argument("--data", default="data/gen")
p.add_argument("--clips", type=int, default=800)
p.add_argument("--out", default="runs/stage1")
p.add_argument("--batch", type=int, default=8)
p.add_argument("--frames", type=int, default=64)
p.add_argument("--lr", type=float, default=5e-4)
p.add_argument("--widths", default="192,256,384")
p.add_argument("--items", default="1,2,2")
p.add_argument("--seed", type=int, default=0)
p.add_argument("--inproj", type=int, default=256)
args = p.parse_args()
torch.manual_seed(args.seed); random.seed(args.seed)
out = Path(args.out) / args.variant; out.mkdir(parents=True, exist_ok=True)

dmae = load_pretrained_dmae().eval()
for q in dmae.parameters(): q.requires_grad_(False)
stft, C, BINS = dmae.encoder.stft, dmae.config.channels, dmae.encoder.bins
FLOOR = 1e-5

# ---- data: preload the first clips (float16), random crops
recs = scan_audio_folder(args.data)[0][: args.clips]
t0 = time.time()
waves = [load_audio(r.path, 48000, 2).half() for r in recs]
print(f"loaded {len(waves)} clips in {time.time() - t0:.0f}s", flush=True)
T = args.frames * 1024

def batch(n):
    xs = []
    for _ in range(n):
        w = waves[random.randrange(len(waves))]
        s = random.randrange(0, w.shape[-1] - T + 1)
        xs.append(w[:, s:s + T].float())
    return torch.stack(xs)

@torch.no_grad()
def features(wave):
    "latent z, head log-magnitude [B, C·F, M], true log-magnitude [B, C·F, M]"
    z = dmae.encoder(dmae.to_diffusion(wave))
    head = dmae.magnitude_head(z)
    true = stft.magnitude(wave).clamp(min=FLOOR).log()
    B, _, Fq, M = head.shape
    return z, head.reshape(B, C * Fq, M), true.reshape(B, C * Fq, M)

# per-channel normalisation stats from 64 crops
with torch.no_grad():
    zs, hs, ts = zip(*[features(batch(8)) for _ in range(8)])
    h, t = torch.cat(hs), torch.cat(ts)
    stats = {"mean": t.mean((0, 2)), "std": t.std((0, 2)).clamp(min=0.05),
             "res_std": (t - h).std((0, 2)).clamp(min=0.05)}
    print("log-mag std mean", stats["std"].mean().item(), "residual std mean",
          stats["res_std"].mean().item(), flush=True)

widths = [int(v) for v in args.widths.split(",")]
items = [int(v) for v in args.items.split(",")]
if args.variant in ("b1", "b2"):
    n = len(widths)
    cfg = UNetConfig(in_channels=args.inproj, out_channels=C * BINS, channels=widths,
                     factors=[1] + [2] * (n - 1), items=items, attentions=[0] * n, cross_attentions=[0] * n,
                     inject_channels=32, inject_depth=2, modulation_features=128, resnet_groups=8)
elif args.variant == "a":
    cfg = dmae.decoder.config
else:
    cfg = UNetConfig(in_channels=C, out_channels=C,
                     channels=[64, 64, 64, 96, 96, 128], factors=[1, 2, 2, 2, 2, 2],
                     items=[1] * 6, attentions=[0] * 6, cross_attentions=[0] * 6, patch_size=32,
                     inject_channels=C * BINS, inject_depth=3, modulation_features=64, resnet_groups=8)
net = UNet1d(cfg)
IN = C * BINS * (2 if args.variant == "b2" else 1)
print(args.variant, "params", sum(q.numel() for q in net.parameters()), flush=True)

def norm_head(head):  return (head - stats["mean"][:, None]) / stats["std"][:, None]

def a_loss(wave):
    "variant a: the library's own loss of the paper's decoder (v-loss + spectral loss), on the frozen latent"
    with torch.no_grad(): x0 = dmae.to_diffusion(wave); z = dmae.encoder(x0)
    return dmae._diffusion_loss(x0, z, wave)

def make_x0_cond(wave):
    z, head, true = features(wave)
    if args.variant == "b1":
        return (true - stats["mean"][:, None]) / stats["std"][:, None], dict(inject=z), None
    if args.variant == "b2": return (true - head) / stats["res_std"][:, None], dict(inject=z), norm_head(head)
    return dmae.to_diffusion(wave), dict(inject=norm_head(head)), None

class Net(nn.Module):
    "wraps the U-Net: concatenates the input condition (b2) to x_σ"
    def __init__(self, unet, inp=None): super().__init__(); self.unet, self.inp = unet, inp
    def forward(self, x, sigma, inject=None, cond=None):
        if cond is not None: x = torch.cat([x, cond], 1)
        if self.inp is not None: x = self.inp(x)
        return self.unet(x, sigma, inject=inject)

model = Net(net, nn.Conv1d(IN, args.inproj, 1) if args.variant not in ("a", "c") else None)
if args.variant == "a": dmae.decoder = model.unet          # DMAE._diffusion_loss trains this fresh U-Net
net = model
print("total params", sum(q.numel() for q in net.parameters()), flush=True)
opt = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=1e-3)
ema = {k: v.detach().clone() for k, v in net.state_dict().items()}
budget, step, losses, curve = args.minutes * 60, 0, [], []
start = time.process_time()
while time.process_time() - start < budget:
    wave = batch(args.batch)
    if args.variant == "a": loss = a_loss(wave)
    else:
        x0, kw, cond = make_x0_cond(wave)
        loss = v_loss(model, x0, cond=cond, **kw)
    opt.zero_grad(set_to_none=True); loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    for g in opt.param_groups: g["lr"] = args.lr * min(1.0, (step + 1) / 200)
    opt.step(); step += 1; losses.append(loss.item())
    with torch.no_grad():
        d = 0.999 if step > 1000 else min(0.999, (1 + step) / (10 + step))
        for k, v in net.state_dict().items():
            if v.dtype.is_floating_point: ema[k].lerp_(v, 1 - d)
    if step % 100 == 0:
        m = sum(losses[-100:]) / 100
        curve.append({"step": step, "cpu_min": (time.process_time() - start) / 60, "loss": m})
        print(f"step {step} cpu {curve[-1]['cpu_min']:.1f} min loss {m:.4f}", flush=True)
net.load_state_dict(ema)
torch.save({"variant": args.variant, "unet": asdict(cfg), "inproj": args.inproj, "state": net.state_dict(),
            "stats": stats, "steps": step,
            "cpu_minutes": (time.process_time() - start) / 60, "curve": curve, "args": vars(args)},
           out / "decoder.pt")
print("saved", out / "decoder.pt", "steps", step, flush=True)
