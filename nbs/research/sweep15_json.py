"""Add a 15-CPU-minute sweep (RUNS/<config>/result.json, written by gen_sweep.py --minutes 15) to the
sweep's results JSON as `sweep15`; `--add RUN` adds (or replaces) one more configuration's run beside them.
Usage: python nbs/research/sweep15_json.py runs/sweep15 nbs/results/generator_sweep.json
       python nbs/research/sweep15_json.py --add runs/sweep15/minsnr-3k nbs/results/generator_sweep.json"""
import json, sys
from pathlib import Path

if sys.argv[1] == "--add":
    run, out = json.loads((Path(sys.argv[2]) / "result.json").read_text()), Path(sys.argv[3])
    d = json.loads(out.read_text())
    d["sweep15"]["runs"] = [r for r in d["sweep15"]["runs"] if r["name"] != run["name"]] + [run]
    out.write_text(json.dumps(d, indent=1) + "\n")
    print([r["name"] for r in d["sweep15"]["runs"]]); raise SystemExit
root, out = Path(sys.argv[1]), Path(sys.argv[2])
order = ["base-1k", "base-3k", "wide-3k", "deep-attn-3k", "logitnormal-3k", "lr2e-3-3k", "minsnr-3k"]
runs = [json.loads((root / n / "result.json").read_text())
        for n in order if (root / n / "result.json").exists()]
d = json.loads(out.read_text())
d["sweep15"] = dict(
    note=("equal time: 15 CPU-minutes each on one thread (process time, niced, beside other jobs), AdamW, "
          "warmup 200 steps then cosine decay to 10 % over the budget, EMA; 192-frame crops (4.1 s); 3,200 "
          "builder clips (seed 31) unless the config says 1k; scored by the chapter-09 probe on 48 "
          "paraphrased prompts, each scored on family, style and tempo, at guidance 3, decoded by the "
          "shipped dmae-tiny (nbs/research/gen_sweep.py)"),
    runs=runs)
out.write_text(json.dumps(d, indent=1) + "\n")
print([r["name"] for r in runs])
