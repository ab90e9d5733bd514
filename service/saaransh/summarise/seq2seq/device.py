"""Device and dtype, resolved once per loaded model."""

from __future__ import annotations

import torch


def resolve_device(setting: str = "auto") -> torch.device:
    """`auto` = CUDA when available, else CPU."""
    if setting == "auto":
        setting = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(setting)


def choose_dtype(device_type: str, bf16_supported: bool = True) -> torch.dtype:
    """bf16 on a GPU that has it, fp32 everywhere else.

    Never plain fp16: mT5 (and CrossSum, mT0, Aya-101 built on it) was trained in
    bf16 and its feed-forward activations overflow fp16's range, giving inf/NaN
    and empty or garbage summaries. fp32 on CPU: bf16 matmuls there are slower.
    """
    if device_type == "cuda" and bf16_supported:
        return torch.bfloat16
    return torch.float32


def device_dtype(setting: str = "auto") -> tuple[torch.device, torch.dtype]:
    device = resolve_device(setting)
    bf16 = device.type == "cuda" and torch.cuda.is_bf16_supported()
    return device, choose_dtype(device.type, bf16)


# Models whose activations overflow float16 (mT5 and what is built on it: CrossSum, mT0).
FP16_UNSAFE = {"t5", "mt5", "umt5"}


def choose_compute_type(setting: str, device_type: str, model_type: str | None = None) -> str:
    """ctranslate2's compute type: `auto` = int8 on CPU, int8_bfloat16 on CUDA.

    int8 weights halve to quarter the memory traffic of decoding; bf16 activations on a
    GPU keep mT5 in range. A float16 type is refused for mT5-family models, which
    overflow it (the same reason the transformers runtime never uses fp16).
    """
    if setting == "auto":
        return "int8_bfloat16" if device_type == "cuda" else "int8"
    if "float16" in setting.replace("bfloat16", "") and model_type in FP16_UNSAFE:
        raise ValueError(
            f"compute type {setting} overflows {model_type} models; use int8_bfloat16 or "
            "bfloat16 on CUDA, int8 or int8_float32 on CPU"
        )
    return setting
