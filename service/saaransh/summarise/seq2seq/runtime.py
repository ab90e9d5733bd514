"""The engine that runs a checkpoint: one `Generator` protocol, one class per runtime.

A generator takes encoder ids that share one decoder start (one target language) and
returns the generated ids of each, in order, each runtime batching its own way:
transformers in length-sorted sub-batches bounded by examples and tokens, ctranslate2
(ct2_runtime.py) with its own token-budgeted batching. The runtime is chosen once, at
load time (`Settings.runtime`); everything above it (conventions, chunking, decoding)
is the same for both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import torch

from saaransh.settings import Settings
from saaransh.summarise.registry import ModelSpec
from saaransh.summarise.seq2seq.conventions import DecoderStart
from saaransh.summarise.seq2seq.device import device_dtype
from saaransh.summarise.seq2seq.generation import generate_kwargs

Output = list[int] | Exception


class Generator(Protocol):
    runtime: str  # "transformers" | "ctranslate2"

    def generate(self, inputs: list[list[int]], start: DecoderStart) -> list[Output]:
        """Generated ids per input: after the decoder start token (a forced first token
        included), before the end token; same order. A failed batch yields its exception
        for each of its inputs."""
        ...


class TransformersGenerator:
    """`model.generate` on padded, length-sorted sub-batches."""

    runtime = "transformers"

    def __init__(
        self,
        model,
        tokenizer,
        generate_kwargs: dict,
        device: torch.device,
        batch_size: int = 16,
        batch_tokens: int = 16384,
    ) -> None:
        self.model, self.tokenizer, self.generate_kwargs = model, tokenizer, generate_kwargs
        self.device, self.batch_size, self.batch_tokens = device, batch_size, batch_tokens

    def generate(self, inputs: list[list[int]], start: DecoderStart) -> list[Output]:
        results: list[Output] = [RuntimeError("not generated")] * len(inputs)
        # Longest first: similar lengths share a batch, so little padding is wasted.
        order = sorted(range(len(inputs)), key=lambda k: -len(inputs[k]))
        for batch in self.batches(order, inputs):
            outputs: list[Output]
            try:
                outputs = list(self._generate_batch([inputs[k] for k in batch], start))
            except Exception as exc:  # one failed call must not sink other batches
                outputs = [exc] * len(batch)
            for k, output in zip(batch, outputs, strict=True):
                results[k] = output
        return results

    def batches(self, order: list[int], inputs: list[list[int]]) -> Iterator[list[int]]:
        """Consecutive runs of `order` within batch_size examples and batch_tokens
        (examples x longest input, padding included)."""
        batch: list[int] = []
        for k in order:
            longest = len(inputs[batch[0]]) if batch else len(inputs[k])
            if batch and (
                len(batch) >= self.batch_size or longest * (len(batch) + 1) > self.batch_tokens
            ):
                yield batch
                batch = []
            batch.append(k)
        if batch:
            yield batch

    @torch.inference_mode()
    def _generate_batch(self, ids: list[list[int]], start: DecoderStart) -> list[list[int]]:
        padded = self.tokenizer.pad({"input_ids": ids}, return_tensors="pt")
        output = self.model.generate(
            input_ids=padded["input_ids"].to(self.device),
            attention_mask=padded["attention_mask"].to(self.device),
            **self.generate_kwargs,
            **start.transformers_kwargs(),
        )
        ends = self._end_ids(start)
        return [_until_end(row[1:], ends) for row in output.tolist()]  # start dropped

    def _end_ids(self, start: DecoderStart) -> set[int]:
        if start.eos is not None:
            return {start.eos}
        eos = self.model.generation_config.eos_token_id
        return set(eos) if isinstance(eos, list) else {eos} - {None}


def _until_end(row: list[int], ends: set[int]) -> list[int]:
    """The tokens before the first end token (the end token and padding after it go), as
    ctranslate2 returns them."""
    for index, token in enumerate(row):
        if token in ends:
            return row[:index]
    return row


def load_transformers(
    spec: ModelSpec, location: Path, settings: Settings, tokenizer
) -> TransformersGenerator:
    """AutoModelForSeq2SeqLM from local safetensors, on the resolved device and dtype."""
    from transformers import AutoModelForSeq2SeqLM

    device, dtype = device_dtype(settings.device)
    model = AutoModelForSeq2SeqLM.from_pretrained(
        location,
        dtype=dtype,
        use_safetensors=True,
        trust_remote_code=False,
        local_files_only=True,
    )
    model.to(device).eval()
    return TransformersGenerator(
        model,
        tokenizer,
        generate_kwargs(spec.generation),
        device,
        batch_size=settings.max_batch_size,
        batch_tokens=settings.max_batch_tokens,
    )
