"""The README's main job (30 s, the pipeline's guidance) at 30 and 50 generator steps over four seeds, scored
by chapter 09b's notes that move: a paired check of the pipeline's default step count on the prompt users try
first.
Adds "main_job" to results/generator_steps.json. Run from nbs/ after research/steps_json.py."""
import json
from pathlib import Path
import torch
from mousai.pipeline import MousaiPipeline
from mousai.musicality import notes_that_move
PROMPT, STEPS, SEEDS = "a slow waltz on strings in D minor", (30, 50), range(4)
pipe = MousaiPipeline.from_pretrained()
rows = []
for seed in SEEDS:
    row = {"seed": seed}
    for n in STEPS:
        wave = pipe(PROMPT, seconds=30, num_steps=n, seed=seed)[0]
        row[f"notes_that_move_{n}"] = notes_that_move(wave)["score"]
    rows.append(row); print(row, flush=True)
p = Path("results/generator_steps.json")
st = json.loads(p.read_text())
st["main_job"] = {"prompt": PROMPT, "seconds": 30, "guidance": pipe.config.guidance_scale,
                  "threads": torch.get_num_threads(), "rows": rows}
p.write_text(json.dumps(st, indent=1))
