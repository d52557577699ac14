"""Research: stochastic DDIM (Song et al. 2021, η > 0; η = 1 is DDPM's ancestral sampler) in the
v-parameterisation, registered as samplers "ddim-eta<η>" for gen_eval.py --sampler. Its fresh noise is seeded
from the starting noise, so a run is reproducible."""
import math
import torch
from mousai.diffusion import register_sampler, _ab, _sampler_sigmas, _sigma_batch


def make(eta: float):
    @torch.no_grad()
    def sample(denoise_fn, noise, num_steps, *, sigmas=None, final_jump=False, progress=False, callback=None):
        sigmas = _sampler_sigmas(num_steps, sigmas, "linear", final_jump)
        g = torch.Generator().manual_seed(int(noise.double().abs().sum().item() * 1e3) % 2**31)
        x = noise
        for i in range(len(sigmas) - 1):
            (a, b), (a_next, b_next) = _ab(sigmas[i]), _ab(sigmas[i + 1])
            v = denoise_fn(x, _sigma_batch(sigmas[i], x))
            x0, eps = a * x - b * v, b * x + a * v
            if final_jump and i == len(sigmas) - 2: return x0
            c = eta * (b_next / b) * math.sqrt(max(0.0, 1 - (a / a_next) ** 2)) if b_next > 0 else 0.0
            z = torch.randn(x.shape, generator=g).to(x)
            x = a_next * x0 + math.sqrt(max(0.0, b_next ** 2 - c ** 2)) * eps + c * z
        return x
    return sample


for eta in (0.5, 1.0):
    register_sampler(f"ddim-eta{eta:g}", make(eta))
