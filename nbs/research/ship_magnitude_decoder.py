"""Turn the GPU run of the magnitude diffusion decoder (`stage1_gpu.py`) into the shipped dmae-tiny:
the shipped encoder, head and waveform decoder unchanged, the new decoder added as the default (one step),
its gain calibrated on 64 training crops, its parameters stored in float16 (package size; loading casts
them back). A fine-tune's RUN.json (`stage1_sc_finetune.py`) names no config: it keeps the shipped decoder's.
usage: ship_magnitude_decoder.py RUN.safetensors RUN.json CROPS_DIR OUT_DIR"""
import glob, json, random, sys, tempfile, shutil, torch, soundfile as sf
from dataclasses import asdict
from pathlib import Path
from safetensors.torch import load_file, save_file
from mousai.autoencoder import DMAE, load_pretrained_dmae
from mousai.autoencoder_training import _add_magnitude_decoder, calibrate_gain
from mousai.dmae_parts import MagnitudeDiffusionConfig

weights, meta, crops, out = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], Path(sys.argv[4])
dmae = load_pretrained_dmae().eval()
config = meta.get("config") or {k: v for k, v in asdict(dmae.magnitude_decoder.config).items()
                                 if k != "gain_db"}
_add_magnitude_decoder(dmae, MagnitudeDiffusionConfig(**{**config, "num_steps": 1}))
m = dmae.magnitude_decoder
state = load_file(weights)
m.load_state_dict({k: v.to(m.state_dict()[k].dtype) for k, v in state.items()})
files = sorted(glob.glob(f"{crops}/*.ogg")); random.Random(0).shuffle(files)
read = lambda f: sf.read(f, dtype="float32", always_2d=True)[0].T[:, :65536].copy()
clips = [torch.from_numpy(read(f)) for f in files[:64]]
print("gain_db", calibrate_gain(dmae, clips))
# the file keeps the shipped tensors byte for byte (their old key layout too); the decoder's are added
old = {k: v for k, v in load_file(out / "model.safetensors").items()
       if not k.startswith("magnitude_decoder.")}
new = {f"magnitude_decoder.{k}": (v.half() if k in dict(m.named_parameters()) else v).contiguous()
       for k, v in m.state_dict().items()}
with tempfile.TemporaryDirectory() as tmp:
    dmae.save_pretrained(tmp)
    shutil.copy(Path(tmp) / "config.json", out / "config.json")
save_file({**old, **new}, out / "model.safetensors", metadata={"format": "pt"})
again = DMAE.from_pretrained(out)
assert next(again.magnitude_decoder.parameters()).dtype == torch.float32
print("saved", out, sum(f.stat().st_size for f in out.iterdir()), "bytes;", again.config.decode_method,
      again.config.magnitude_diffusion)
