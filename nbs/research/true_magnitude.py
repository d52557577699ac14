"""Griffin-Lim from a clip's own STFT magnitude (the phase retrieval's ceiling), each channel scaled back to
the magnitude's energy as the DMAE's decoders do: shared by the stage-1 research scripts."""
import torch
from mousai.spectrogram import STFT, griffin_lim, linked_griffin_lim

def energy_match(y: torch.Tensor, mag: torch.Tensor, stft: STFT) -> torch.Tensor:
    "`y` [..., C, T] with each channel scaled to the energy of its target magnitude `mag` [..., C, F, M]."
    e = lambda m: m.pow(2).sum((-2, -1)).sqrt()
    return y * (e(mag) / e(stft.magnitude(y)).clamp(min=1e-8))[..., None]

def true_magnitude(iters: int, init: str = "pghi", channels: str = "independent", stft: STFT | None = None):
    "waves → Griffin-Lim (`iters` from `init`; one phase for both channels when `channels` is 'linked')."
    stft = stft or STFT()
    retrieve = linked_griffin_lim if channels == "linked" else griffin_lim
    def fn(w: torch.Tensor) -> torch.Tensor:
        mag = stft.magnitude(w)
        return energy_match(retrieve(mag, length=w.shape[-1], n_iter=iters, stft=stft, init=init), mag, stft)
    return fn
