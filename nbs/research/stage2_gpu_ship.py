"""Turn a stage2_gpu.py run (NAME.safetensors + NAME.json) into a `LatentGenerator.save_pretrained` folder
with windowed attention (128 frames: global at the training length, linear beyond it), weights in float16.
usage: stage2_gpu_ship.py RUN_DIR NAME OUT"""
import sys, json, torch
from pathlib import Path
from safetensors.torch import load_file
from mousai.generator import GeneratorConfig, LatentGenerator
from mousai.unet import set_attention_window
run, name, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
meta = json.loads((run / f"{name}.json").read_text())
fields = GeneratorConfig.__dataclass_fields__
cfg = GeneratorConfig(**{k: v for k, v in meta["config"].items() if k in fields})
g = LatentGenerator(cfg)
g.load_state_dict({k: v.float() for k, v in load_file(run / f"{name}.safetensors").items()})
g.config.attention_window = 128
set_attention_window(g, 128)
for p in g.parameters(): p.data = p.data.half()
g.save_pretrained(out)
again = LatentGenerator.from_pretrained(out)
assert next(again.parameters()).dtype == torch.float32 and again.config.attention_window == 128
print("saved", out, sum(f.stat().st_size for f in out.iterdir()), "bytes")
