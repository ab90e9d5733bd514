"""The seq2seq Translator (mBART-50, NLLB, prompt models): batched, order kept."""

from __future__ import annotations

from saaransh.errors import CannotWrite
from saaransh.summarise.seq2seq.conventions import GenItem
from saaransh.summarise.seq2seq.runner import Seq2SeqRunner


class Seq2SeqTranslator:
    """Implements `Translator`: translate(texts, source, target) -> texts, same order."""

    def __init__(self, runner: Seq2SeqRunner) -> None:
        self.runner = runner
        self.name = runner.name
        self.max_input_tokens = runner.max_input_tokens

    def can_translate(self, source_lang: str, target_lang: str) -> bool:
        return source_lang == target_lang or self.runner.convention.can_translate(
            source_lang, target_lang
        )

    def translate(self, texts: list[str], source_lang: str, target_lang: str) -> list[str]:
        if source_lang == target_lang:  # the identity step of a composite pipeline
            return list(texts)
        if not self.can_translate(source_lang, target_lang):
            raise CannotWrite(f"{self.name} cannot translate {source_lang} -> {target_lang}.")
        items = [GenItem(t, source_lang, target_lang, task="translate") for t in texts]
        outputs = self.runner.generate(items)
        for output in outputs:
            if isinstance(output, Exception):
                raise output
        return [str(o) for o in outputs]

    def warmup(self, batch_size: int = 1) -> None:
        """One full-size batch (longest input) before serving."""
        text = " ".join(["The quick brown fox jumps over the lazy dog."] * self.max_input_tokens)
        self.runner.generate([GenItem(text, "en", "hi", task="translate")] * batch_size)
