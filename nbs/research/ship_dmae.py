"""Turn the research run of the magnitude diffusion decoder (variant b2) into the shipped
dmae-tiny: the shipped encoder and head unchanged, the new decoder added as the default,
its parameters stored in float16 (package size)."""
import sys, torch
from pathlib import Path
from mousai.autoencoder import load_pretrained_dmae
from mousai.autoencoder_training import _add_magnitude_decoder
from mousai.dmae_parts import MagnitudeDiffusionConfig
ck = torch.load(sys.argv[1], weights_only=False)
out = Path(sys.argv[2])
a = ck["args"]
dmae = load_pretrained_dmae()
cfg = MagnitudeDiffusionConfig(widths=tuple(int(v) for v in a["widths"].split(",")),
                               items=tuple(int(v) for v in a["items"].split(",")),
                               in_features=a["inproj"], modulation_features=128)
_add_magnitude_decoder(dmae, cfg)
m = dmae.magnitude_decoder
state = {("to_in." + k[4:] if k.startswith("inp.") else k): v for k, v in ck["state"].items()}
missing, unexpected = m.load_state_dict(state, strict=False)
assert set(missing) == {"mean", "std", "residual_std", "fitted"} and not unexpected, (missing, unexpected)
m.mean.copy_(ck["stats"]["mean"]); m.std.copy_(ck["stats"]["std"])
m.residual_std.copy_(ck["stats"]["res_std"]); m.fitted.fill_(True)
decoders = [q for mod in (m, dmae.decoder) if mod is not None for q in mod.parameters()]
for p in decoders: p.data = p.data.half()     # both diffusion decoders in float16 on disk; loading casts back
dmae.save_pretrained(out)
for p in decoders: p.data = p.data.float()
from mousai.autoencoder import DMAE
again = DMAE.from_pretrained(out)
assert next(again.magnitude_decoder.parameters()).dtype == torch.float32
print("saved", out, sum(f.stat().st_size for f in out.iterdir()), "bytes;", again.config.decode_method)
