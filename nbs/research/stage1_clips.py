"""What the stage-1 decoder studies share (stage1_linked_eval.py, detail_gain.py, stage1_probe_baselines.py):
their command line, the `--into` merge of a run's rows into a results JSON, and the held-out clips of
stage1_eval.py (16 builder clips, 16 middle crops of held-out real tracks), read from the data folder."""
import argparse, json
from pathlib import Path
import torch
from mousai.audiofolder import scan_audio_folder
from mousai.data import load_audio
from mousai.audio import crop_or_pad

T = 187 * 1024                                   # 3.99 s, the probe's clip length

def parse_args(extra=None) -> argparse.Namespace:
    "--out F (run), --into ROWS JSON (merge), --seeds, and whatever `extra(parser)` adds."
    p = argparse.ArgumentParser()
    p.add_argument("--out"); p.add_argument("--into", nargs=2, metavar=("ROWS", "JSON"))
    p.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    if extra: extra(p)
    return p.parse_args()

def merge_into(into: list, key: str, setup: str, wrap=lambda rows: {"rows": rows}) -> None:
    "Put the run's rows (file into[0]) under `key` of the results JSON into[1], with their setup."
    rows, doc = json.loads(Path(into[0]).read_text()), json.loads(Path(into[1]).read_text())
    doc[key] = {"setup": setup, **wrap(rows)}
    Path(into[1]).write_text(json.dumps(doc, indent=1))

def middle(w: torch.Tensor, at: float = 0.5) -> torch.Tensor:
    "T samples of a track [C, N] centred at the fraction `at` of its length."
    c = int(w.shape[-1] * at)
    return w[:, c - T // 2: c - T // 2 + T]

def heldout_sets() -> dict:
    "The clips of stage1_eval.py: 16 held-out builder clips and 16 middle crops of held-out real tracks."
    from heldout_real import real_tracks
    return {"builder": torch.stack([crop_or_pad(load_audio(r.path, 48000, 2), T, offset=0)
                                    for r in scan_audio_folder("heldout")[0][:16]]),
            "real": torch.stack([middle(load_audio(r.path, 48000, 2)) for r in real_tracks("real")[:16]])}
