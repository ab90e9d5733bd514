"""The seq2seq Summariser: chunk long articles, summarise all chunks in one batch, fuse."""

from __future__ import annotations

from collections.abc import Callable

from saaransh.errors import CannotWrite, InvalidInput
from saaransh.summarise.base import Summary, SummaryRequest
from saaransh.summarise.seq2seq.chunking import plan_chunks
from saaransh.summarise.seq2seq.conventions import GenItem
from saaransh.summarise.seq2seq.runner import Seq2SeqRunner


class Seq2SeqSummariser:
    """Abstractive summaries from one seq2seq checkpoint (implements `Summariser`)."""

    def __init__(self, runner: Seq2SeqRunner) -> None:
        self.runner = runner
        self.name = runner.name
        self.max_input_tokens = runner.max_input_tokens
        out_tokens = int(runner.generate_kwargs.get("max_new_tokens", 84))
        # Bound the fusion pass: the chunk summaries must fit one encoder input together.
        self.max_chunks = max(1, self.max_input_tokens // max(out_tokens, 1))
        self._overheads: dict[tuple, int] = {}

    def can_write(self, target_lang: str, source_lang: str) -> bool:
        return self.runner.convention.can_write(target_lang, source_lang)

    def token_count(self, text: str) -> int:
        """Encoder tokens of `text` as this model sees it (for the batcher's token budget)."""
        specials = self.runner.convention.add_special_tokens
        ids = self.runner.tokenizer(text, add_special_tokens=specials)["input_ids"]
        return min(len(ids), self.max_input_tokens)

    def prefetch(self, request: SummaryRequest) -> list[Callable[[], object]]:
        """Nothing: generation has no cache to fill ahead (one call decodes all chunks)."""
        return []

    def summarise(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        results: list[Summary | Exception | None] = [None] * len(requests)
        items: list[GenItem] = []
        owners: list[int] = []
        for index, request in enumerate(requests):
            try:
                chunks = self.chunk(request)
            except (CannotWrite, InvalidInput) as exc:
                results[index] = exc
                continue
            items.extend(chunks)
            owners.extend([index] * len(chunks))
        first_pass = self.runner.generate(items)
        by_request: dict[int, list[str | Exception]] = {}
        for owner, output in zip(owners, first_pass, strict=True):
            by_request.setdefault(owner, []).append(output)
        fuse: list[tuple[int, GenItem]] = []
        for index, outputs in by_request.items():
            error = next((o for o in outputs if isinstance(o, Exception)), None)
            if error is not None:
                results[index] = error
            elif len(outputs) == 1:
                results[index] = self._summary(requests[index], str(outputs[0]))
            else:
                fuse.append((index, self._fusion_item(requests[index], [str(o) for o in outputs])))
        second_pass = self.runner.generate([item for _, item in fuse])  # one batch for all
        for (index, _), output in zip(fuse, second_pass, strict=True):
            results[index] = (
                output if isinstance(output, Exception) else self._summary(requests[index], output)
            )
        return [r if r is not None else RuntimeError("no result") for r in results]

    def chunk(self, request: SummaryRequest) -> list[GenItem]:
        """The request's sentences as encoder inputs within the token budget, lede first."""
        if not self.can_write(request.target_lang, request.source_lang):
            raise CannotWrite(
                f"{self.name} cannot write {request.target_lang} from {request.source_lang}."
            )
        sentences = [s for s in request.sentences if s.strip()]
        if not sentences:
            raise InvalidInput(f"Article {request.doc_id!r} has no text to summarise.")
        base = GenItem("", request.source_lang, request.target_lang, title=request.title)
        budget = max(1, self.max_input_tokens - self._overhead(base))
        lengths = [
            len(ids)
            for ids in self.runner.tokenizer(sentences, add_special_tokens=False)["input_ids"]
        ]
        plan = plan_chunks(lengths, budget, self.max_chunks)
        return [base.with_text(" ".join(sentences[i] for i in chunk)) for chunk in plan]

    def _overhead(self, item: GenItem) -> int:
        """Tokens the convention adds around the text (tags, prompt, eos)."""
        key = (item.task, item.source_lang, item.target_lang, item.title)
        if key not in self._overheads:
            probe = len(self.runner.encode([item.with_text("x")])[0])
            bare = len(self.runner.tokenizer("x", add_special_tokens=False)["input_ids"])
            self._overheads[key] = max(0, probe - bare)
        return self._overheads[key]

    def _fusion_item(self, request: SummaryRequest, partials: list[str]) -> GenItem:
        # The partial summaries are already in the target language.
        return GenItem(
            " ".join(partials), request.target_lang, request.target_lang, title=request.title
        )

    def _summary(self, request: SummaryRequest, text: str) -> Summary:
        return Summary(text=text, lang=request.target_lang, method="abstractive", model=self.name)

    def warmup(self, batch_size: int = 1) -> None:
        """Run one full-size batch (longest input, full output) so the first request is not slow."""
        filler = "The quick brown fox jumps over the lazy dog."
        text = " ".join([filler] * self.max_input_tokens)
        target = next((t for t in ("en", "hi") if self.can_write(t, t)), "en")
        self.runner.generate([GenItem(text, target, target)] * batch_size)
