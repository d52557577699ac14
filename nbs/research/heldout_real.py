"""The real recordings that the stage-1 research scripts share: band mixes (not the `guitar` stems)
longer than 20 s, in one fixed shuffled order. The first HELD_OUT are scored by stage1_eval.py and
stage1_finetune_eval.py and kept out of every fine-tune (stage1_finetune.py)."""
import random
from mousai.audiofolder import scan_audio_folder

HELD_OUT = 16

def real_tracks(folder) -> list:
    "Audio records of the band mixes longer than 20 s below `folder`, in the fixed shuffled order."
    recs = sorted(scan_audio_folder(folder)[0], key=lambda r: str(r.path))
    recs = [r for r in recs if "guitar" not in r.path.name and r.seconds > 20]
    random.Random(0).shuffle(recs)
    return recs
