"""Batched generation over many encoder inputs: group, sort, pad, generate, restore order."""

from __future__ import annotations

from collections import defaultdict

import torch

from saaransh.summarise.seq2seq.conventions import Convention, GenItem

# Registry keys that configure us rather than generate().
_NOT_GENERATE_KWARGS = {"max_input_tokens"}


class Seq2SeqRunner:
    """A loaded checkpoint with its convention; turns GenItems into strings."""

    def __init__(
        self,
        name,
        model,
        tokenizer,
        convention: Convention,
        generation: dict,
        device: torch.device,
        batch_size: int = 16,
        batch_tokens: int = 16384,
    ) -> None:
        self.name, self.model, self.tokenizer, self.convention = name, model, tokenizer, convention
        self.device, self.batch_size, self.batch_tokens = device, batch_size, batch_tokens
        self.max_input_tokens = int(generation.get("max_input_tokens", 512))
        self.generate_kwargs = {
            k: v for k, v in generation.items() if k not in _NOT_GENERATE_KWARGS
        }
        if "max_length" in self.generate_kwargs:  # model-card style; counts output tokens only
            self.generate_kwargs.setdefault(
                "max_new_tokens", self.generate_kwargs.pop("max_length")
            )
        self._strip = convention.strip_ids()

    def encode(self, texts: list[str]) -> list[list[int]]:
        """Token ids per text, cut from the right at the input budget (never from the left)."""
        return self.tokenizer(
            texts,
            add_special_tokens=self.convention.add_special_tokens,
            truncation=True,
            max_length=self.max_input_tokens,
        )["input_ids"]

    def generate(self, items: list[GenItem]) -> list[str | Exception]:
        """One output per item, same order; a failed sub-batch yields exceptions for its items."""
        results: list[str | Exception] = [RuntimeError("not generated")] * len(items)
        groups: dict[tuple, list[int]] = defaultdict(list)
        for index, item in enumerate(items):
            groups[self.convention.batch_key(item)].append(index)
        for indices in groups.values():
            first = items[indices[0]]
            self.convention.prepare(first)  # e.g. tokenizer.src_lang, shared by the group
            ids = self.encode([self.convention.encoder_text(items[i]) for i in indices])
            # Longest first: similar lengths share a batch, so little padding is wasted.
            order = sorted(range(len(indices)), key=lambda k: -len(ids[k]))
            for batch in self._batches(order, ids):
                texts: list[str | Exception]
                try:
                    texts = list(self._generate_batch([ids[k] for k in batch], first.target_lang))
                except Exception as exc:  # one failed call must not sink other batches
                    texts = [exc] * len(batch)
                for k, text in zip(batch, texts, strict=True):
                    results[indices[k]] = text
        return results

    def _batches(self, order: list[int], ids: list[list[int]]):
        batch: list[int] = []
        for k in order:
            longest = len(ids[batch[0]]) if batch else len(ids[k])
            if batch and (
                len(batch) >= self.batch_size or longest * (len(batch) + 1) > self.batch_tokens
            ):
                yield batch
                batch = []
            batch.append(k)
        if batch:
            yield batch

    @torch.inference_mode()
    def _generate_batch(self, ids: list[list[int]], target: str) -> list[str]:
        padded = self.tokenizer.pad({"input_ids": ids}, return_tensors="pt")
        output = self.model.generate(
            input_ids=padded["input_ids"].to(self.device),
            attention_mask=padded["attention_mask"].to(self.device),
            **self.generate_kwargs,
            **self.convention.target_kwargs(target),
        )
        return [self.decode(row) for row in output.tolist()]

    def decode(self, row: list[int]) -> str:
        kept = [t for t in row if t not in self._strip]
        return self.tokenizer.decode(
            kept, skip_special_tokens=True, clean_up_tokenization_spaces=False
        ).strip()
