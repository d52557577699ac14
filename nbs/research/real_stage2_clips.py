"""Three 4 s examples of the fine-tuned generator (tag-style and builder-style prompts),
saved as small ogg files for chapter 10's players."""
import sys, torch
torch.set_num_threads(1)
from pathlib import Path
from mousai.generator import LatentGenerator, generate_latents, load_generator_text_encoder
from mousai.autoencoder import load_pretrained_dmae
from mousai.audio import save_audio
model, out = sys.argv[1], Path(sys.argv[2])
gen = LatentGenerator.from_pretrained(model).eval(); enc = load_generator_text_encoder(gen)
dmae = load_pretrained_dmae()
for i, p in enumerate(["Death Metal, Muldjord", "Game, NeonCorridor, HyperRogue",
                       "a slow waltz on strings in D minor"]):
    z = generate_latents(gen, enc, [p], 187, num_steps=30, guidance_scale=5.0,
                         generator=torch.Generator().manual_seed(1))
    with torch.no_grad(): w = dmae.decode(z, generator=torch.Generator().manual_seed(0))[0]
    save_audio(out / f"real_stage2_example{i}.ogg", w, 48000)
    print(p, (out / f"real_stage2_example{i}.ogg").stat().st_size)
