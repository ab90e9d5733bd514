"""Deterministic fakes for engine-level tests (no model, no embeddings)."""

from __future__ import annotations

from saaransh.article import Article, LanguageInfo
from saaransh.summarise.base import Summary, SummaryRequest


class SummariserDefaults:
    """The optional-work parts of the `Summariser` protocol for a fake with no model:
    words as tokens, nothing to warm up, nothing to prefetch."""

    def token_count(self, text: str) -> int:
        return len(text.split())

    def warmup(self, batch_size: int = 1) -> None:
        pass

    def prefetch(self, request: SummaryRequest) -> list:
        return []


class EchoSummariser(SummariserDefaults):
    """Writes the languages in `writes` from any source: the summary is the first
    sentence, tagged so tests can see which request produced it."""

    name = "echo"

    def __init__(self, writes=("en", "hi"), same_language_only=False, fail_on=()):
        self.writes = set(writes)
        self.same_language_only = same_language_only
        self.fail_on = set(fail_on)
        self.calls: list[list[SummaryRequest]] = []

    def can_write(self, target_lang, source_lang):
        if self.same_language_only and target_lang != source_lang:
            return False
        return target_lang in self.writes

    def summarise(self, requests):
        self.calls.append(list(requests))
        out = []
        for r in requests:
            if r.doc_id in self.fail_on:
                out.append(RuntimeError(f"poisoned {r.doc_id}"))
            else:
                text = f"[{r.target_lang}] {r.sentences[0]}"
                out.append(Summary(text, r.target_lang, "abstractive", self.name))
        return out


class PrefixTranslator:
    name = "prefix-mt"

    def __init__(self, pairs=(("hi", "en"), ("en", "hi"))):
        self.pairs = set(pairs)
        self.calls = []

    def can_translate(self, source_lang, target_lang):
        return (source_lang, target_lang) in self.pairs

    def translate(self, texts, source_lang, target_lang):
        self.calls.append((list(texts), source_lang, target_lang))
        return [f"<{source_lang}->{target_lang}> {t}" for t in texts]


def make_article(doc_id="a1", primary="hi", sentences=("पहला वाक्य है।", "दूसरा वाक्य है।")):
    language = LanguageInfo(primary=primary, script="Deva", code_mixed=False, cmi=0.0,
                            tokens={"hi": 4, "en": 0, "hi-Latn": 0, "univ": 2, "other": 0})
    return Article(id=doc_id, title=None, text=" ".join(sentences), sentences=list(sentences),
                   language=language)


class WordEmbedder:
    """A deterministic bag-of-words embedder: sentences sharing words are close, as with a
    real model; it records every text it is given, so tests can bound the input."""

    name = "fake-word-embedder"
    dim = 256

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts):
        import zlib

        import numpy as np

        self.seen += list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.strip(".,।!?\"'").encode()) % self.dim] += 1.0
            out[row] /= max(float(np.linalg.norm(out[row])), 1e-12)
        return out
