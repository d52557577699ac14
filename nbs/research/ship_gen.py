"""Ship a sweep run as mousai/pretrained/generator-tiny: windowed attention for long form,
weights stored in float16."""
import sys, torch
from pathlib import Path
from mousai.generator import LatentGenerator
src, out = Path(sys.argv[1]), Path(sys.argv[2])
g = LatentGenerator.from_pretrained(src)
g.config.attention_window = 128    # ≥ the training crop at every attention level: global there, linear beyond
from mousai.unet import set_attention_window
set_attention_window(g, 128)
for p in g.parameters(): p.data = p.data.half()
g.save_pretrained(out)
again = LatentGenerator.from_pretrained(out)
assert next(again.parameters()).dtype == torch.float32 and again.config.attention_window == 128
print("saved", out, sum(f.stat().st_size for f in out.iterdir()))
