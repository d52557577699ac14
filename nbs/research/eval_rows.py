"""One row of scores from a gen_eval.py result file, shared by the scripts that collect those files."""
import numpy as np

KEYS = ("family", "style", "tempo", "frechet", "tempo_r")


def scores(d: dict, guidance: float) -> dict:
    """The guidance curve's row at `guidance` of a gen_eval.py result `d` (adherence, probe Fréchet, tempo r)
    and the median notes-that-move score of the clips generated at `d["at"]`."""
    r = next(r for r in d["guidance_curve"] if r["guidance"] == guidance)
    return {**{k: r[k] for k in KEYS}, "notes_that_move": float(np.median(d["notes_that_move"]))}
