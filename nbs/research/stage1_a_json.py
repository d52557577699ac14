"""Put the fresh equal-time run of the paper's waveform decoder (`stage1_decoders.py --variant a`, scored by
`stage1_eval.py --decoders …/a/decoder.pt --probe-set probe2`) into results/stage1_decoders.json: its rows on
both sets, its probe row and its training curve, beside (b) and (c). The row of the decoder shipped before
(2,000 steps of `mousai train autoencoder --parts decoder`) stays, named as such. From nbs/:
python research/stage1_a_json.py EVAL.json DECODER.pt results/stage1_decoders.json"""
import json, sys
from pathlib import Path
import torch

ev, path = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[3])
ck = torch.load(sys.argv[2], weights_only=False)
doc = json.loads(path.read_text())
name = f"(a) waveform diffusion, fresh, {ck['steps']} steps / {ck['cpu_minutes']:.1f} CPU-min, DDIM 10"
old = "(a) waveform diffusion decoder, DDIM 10"
for r in doc["rows"]:
    if r["method"] == old: r["method"] = "(a) waveform diffusion, shipped before (2,000 steps), DDIM 10"
doc["rows"] = [r for r in doc["rows"] if not r["method"].startswith("(a) waveform diffusion, fresh")]
doc["rows"] += [{**r, "method": name} for r in ev["rows"] if r.get("variant") == "a"]
doc["probe"] = [r for r in doc["probe"] if not r["method"].startswith("(a)")]
doc["probe"] += [{**r, "method": name} for r in ev["probe"] if r["method"].startswith("(a)")]
doc["curves"]["(a) the paper's waveform decoder, fresh"] = ck["curve"]
path.write_text(json.dumps(doc, indent=1))
print(name, [(r["set"], round(r["mr_stft"], 3), round(r["pitch_corr"], 3)) for r in ev["rows"]])
