"""Batched generation over many encoder inputs: group by decoder start, encode, generate,
decode, restore order. The same for every runtime; the `Generator` does the model work."""

from __future__ import annotations

from collections import defaultdict

from saaransh.summarise.seq2seq.conventions import Convention, GenItem
from saaransh.summarise.seq2seq.generation import generate_kwargs
from saaransh.summarise.seq2seq.runtime import Generator


class Seq2SeqRunner:
    """A loaded checkpoint (tokenizer, convention, generator); turns GenItems into strings."""

    def __init__(
        self, name: str, tokenizer, convention: Convention, generation: dict, generator: Generator
    ) -> None:
        self.name, self.tokenizer, self.convention = name, tokenizer, convention
        self.generator = generator
        self.max_input_tokens = int(generation.get("max_input_tokens", 512))
        self.generate_kwargs = generate_kwargs(generation)
        self._strip = convention.strip_ids()

    @property
    def runtime(self) -> str:
        return self.generator.runtime

    def encode(self, items: list[GenItem]) -> list[list[int]]:
        """Encoder ids per item, cut from the right at the input budget (never the left).
        Items are grouped by source language, which is passed per call, never stored."""
        ids: list[list[int]] = [[] for _ in items]
        by_source: dict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(items):
            by_source[item.source_lang].append(index)
        for source, indices in by_source.items():
            texts = [self.convention.encoder_text(items[i]) for i in indices]
            encoded = self.convention.encode(texts, source, self.max_input_tokens)
            for i, row in zip(indices, encoded, strict=True):
                ids[i] = row
        return ids

    def generate(self, items: list[GenItem]) -> list[str | Exception]:
        """One output per item, same order; a failed batch yields exceptions for its items."""
        results: list[str | Exception] = [RuntimeError("not generated")] * len(items)
        groups: dict[tuple, list[int]] = defaultdict(list)
        for index, item in enumerate(items):
            groups[self.convention.batch_key(item)].append(index)
        for indices in groups.values():
            group = [items[i] for i in indices]
            try:
                start = self.convention.decoder_start(group[0].target_lang)
                outputs = self.generator.generate(self.encode(group), start)
            except Exception as exc:  # a failing group must not sink the others
                outputs = [exc] * len(indices)
            for index, output in zip(indices, outputs, strict=True):
                results[index] = output if isinstance(output, Exception) else self.decode(output)
        return results

    def decode(self, row: list[int]) -> str:
        kept = [t for t in row if t not in self._strip]
        return self.tokenizer.decode(
            kept, skip_special_tokens=True, clean_up_tokenization_spaces=False
        ).strip()
