"""The engine: the one place that turns articles into English and Hindi summaries.

The CLI, the REST service and the Ray job are thin doors onto this class. The work
is split so a server can batch the model step across requests:

    article = engine.analyse(raw)                 # CPU: clean, sentences, language
    plan = engine.plan(article, langs)            # which model calls are needed
    results = engine.summarise_requests(plan.requests)   # the batched model call
    needed = engine.translations(plan, results)   # summarise-then-translate work
    texts = engine.translate_batch(list(needed.values()))  # the batched translation call
    record = engine.assemble(plan, results, dict(zip(needed, texts)))  # reasons

`orchestrate` is stages 3-5 for many articles at once, as a generator that yields its
model work: `run` (and `summarise_articles`) drive it with direct calls for the CLI and
Ray; the service drives the same generator with its batcher.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar

from .article import Article, RawDocument
from .errors import CannotWrite, NothingToExtract, SaaranshError, Unsupported
from .summarise.base import (
    Summariser,
    Summary,
    SummaryRequest,
    Translation,
    Translator,
)

LANGS = ("en", "hi")
T = TypeVar("T")
# `Engine.orchestrate`: yields model work (summary requests, then translations), is sent
# the outputs, returns one result per plan.
Steps = Generator[list[Any], list[Any], list["ArticleResult | Exception"]]
# A code-mixed article gets a summary from its own sentences in a second language when it
# has at least this many (whole) sentences in it, making up at least this share.
SECTION_MIN_SENTENCES = 2
SECTION_MIN_SHARE = 0.25
log = logging.getLogger(__name__)


def _failure_reason(exc: Exception, summariser: str) -> str:
    """A client-safe reason that is true at either door (the CLI logs to stderr, the server
    to its log): typed errors carry a safe message, anything else is only named."""
    if isinstance(exc, NothingToExtract):
        return str(exc)
    if isinstance(exc, SaaranshError | CannotWrite):
        return f"summarisation failed: {exc}"
    return (
        f"summarisation failed: internal error in the {summariser} summariser; "
        "the detail was logged as a warning with the article id"
    )


class Route(NamedTuple):
    """How one target language is made: written by the summariser (`direct`), written in
    another language and translated (`translate`), both from `plan.requests[request]`;
    or not at all (`unavailable`), for `reason`."""

    how: Literal["direct", "translate", "unavailable"]
    request: int = -1
    reason: str = ""


@dataclass
class Plan:
    """The model calls one article needs; `route[lang]` says how each language is made."""

    article: Article
    langs: tuple[str, ...]
    requests: list[SummaryRequest]
    route: dict[str, Route] = field(default_factory=dict)


@dataclass
class ArticleResult:
    article: Article
    summaries: dict[str, Summary | None]
    unavailable: dict[str, str]
    cluster_id: str | None = None
    # The event the article joined, as it stood then: {"id", "article_count", "summaries"}.
    event: dict | None = None

    def to_record(self) -> dict:
        """The public article record (contract in DESIGN.md)."""
        a = self.article
        record: dict = {
            "id": a.id,
            "title": a.title,
            "language": a.language.to_dict(),
            "published_at": a.published_at.isoformat() if a.published_at else None,
            "summaries": {k: (v.to_dict() if v else None) for k, v in self.summaries.items()},
            "cluster_id": self.cluster_id,
        }
        if self.unavailable:
            record["unavailable"] = dict(self.unavailable)
        if self.event is not None:
            record["event"] = self.event
        return record


class Engine:
    def __init__(
        self,
        summariser: Summariser,
        translator: Translator | None = None,
        *,
        summary_words: int = 60,
        max_chars: int | None = None,
        max_sentence_chars: int | None = 1000,
        max_sentences: int | None = 400,
    ) -> None:
        self.summariser = summariser
        self.translator = translator
        self.summary_words = summary_words
        self.max_chars = max_chars
        self.max_sentence_chars = max_sentence_chars
        self.max_sentences = max_sentences

    @property
    def model_names(self) -> dict[str, str | None]:
        return {
            "summariser": self.summariser.name,
            "translator": self.translator.name if self.translator else None,
        }

    # -- stage 1: analysis ---------------------------------------------------
    def analyse(self, raw: RawDocument, reference_date: dt.date | None = None) -> Article:
        from .pipeline import analyse

        return analyse(
            raw,
            reference_date=reference_date,
            max_chars=self.max_chars,
            max_sentence_chars=self.max_sentence_chars,
            max_sentences=self.max_sentences,
        )

    # -- stage 2: planning ---------------------------------------------------
    def plan(self, article: Article, langs: Sequence[str] = LANGS) -> Plan:
        """Decide, per target language: write it directly, write it from the article's own
        sentences in that language (a code-mixed article), summarise-then-translate, or report
        why it cannot be made. Never labels one language's text as another."""
        source = article.language.primary
        if source == "other":
            raise Unsupported(
                "the article's language is not supported: Saaransh summarises Hindi, "
                "English and their mixes"
            )
        plan = Plan(article=article, langs=tuple(langs), requests=[])
        index: dict[str, int] = {}

        def request_for(target: str, section: str | None = None) -> int:
            key = f"{target}<{section or source}"
            if key not in index:
                index[key] = len(plan.requests)
                plan.requests.append(self._request(article, target, section))
            return index[key]

        sections = _sections(article)
        for lang in plan.langs:
            if self.summariser.can_write(lang, source):
                plan.route[lang] = Route("direct", request_for(lang))
            elif lang in sections and self.summariser.can_write(lang, lang):
                plan.route[lang] = Route("direct", request_for(lang, section=lang))
            elif (pivot := self._pivot_for(lang, source)) is not None:
                plan.route[lang] = Route("translate", request_for(pivot))
            else:
                plan.route[lang] = Route("unavailable", reason=self._reason(lang, source))
        return plan

    def _request(self, article: Article, target: str, section: str | None) -> SummaryRequest:
        """The whole article, or (for a code-mixed article) only its `section`-language
        sentences, so that any backend writes that language from that language."""
        info = tuple(article.sentence_info) or None
        ids: tuple[int, ...] | None = None
        if section is not None and info is not None:
            ids = tuple(i for i, s in enumerate(info) if s.lang == section)
        return SummaryRequest(
            doc_id=article.id,
            sentences=tuple(article.sentences[i] for i in ids) if ids else tuple(article.sentences),
            source_lang=section or article.language.primary,
            target_lang=target,  # type: ignore[arg-type]
            title=article.title,
            max_words=self.summary_words,
            info=tuple(info[i] for i in ids) if info and ids else info,
            sentence_ids=ids,
            standfirst=article.standfirst,
        )

    def _pivot_for(self, target: str, source: str) -> str | None:
        """A language the summariser can write and the translator can carry to `target`."""
        if self.translator is None:
            return None
        for pivot in (source, *LANGS):
            if (
                pivot != target
                and self.summariser.can_write(pivot, source)
                and self.translator.can_translate(pivot, target)
            ):
                return pivot
        return None

    def _reason(self, target: str, source: str) -> str:
        return (
            f"the {self.summariser.name} summariser cannot write '{target}' from a "
            f"'{source}' article and no translation model is installed; install a "
            "cross-lingual model (saaransh download-weights crosssum) or a translator "
            "(saaransh download-weights nllb-600m)"
        )

    # -- stage 3: the batched model call -------------------------------------
    def summarise_requests(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        if not requests:
            return []
        return self.summariser.summarise(requests)

    # -- stage 4: translations (summarise-then-translate), batched -------------
    def translations(
        self, plan: Plan, results: Sequence[Summary | Exception]
    ) -> dict[str, Translation]:
        """target lang -> the translation its route still needs (for summaries that came out)."""
        needed = {}
        for lang in plan.langs:
            route = plan.route[lang]
            result = results[route.request] if route.how == "translate" else None
            if isinstance(result, Summary):
                needed[lang] = Translation(result.text, result.lang, lang)
        return needed

    def translate_batch(self, items: list[Translation]) -> list[str | Exception]:
        """One output per item, same order: one translator call per language pair; a pair
        whose call fails gets the exception in each of its slots."""
        out: list[str | Exception] = [RuntimeError("not translated")] * len(items)
        pairs: dict[tuple[str, str], list[int]] = {}
        for i, item in enumerate(items):
            pairs.setdefault((item.source_lang, item.target_lang), []).append(i)
        for (source, target), indices in pairs.items():
            texts: list[str | Exception]
            try:
                if self.translator is None:
                    raise Unsupported("no translation model is installed")
                texts = list(self.translator.translate([items[i].text for i in indices],
                                                       source, target))  # fmt: skip
            except Exception as exc:  # noqa: BLE001 - reported for these items only
                texts = [exc] * len(indices)
            for i, text in zip(indices, texts, strict=True):
                out[i] = text
        return out

    # -- stage 5: assembly -----------------------------------------------------
    def assemble(
        self,
        plan: Plan,
        results: Sequence[Summary | Exception],
        translated: dict[str, str | Exception] | None = None,
    ) -> ArticleResult:
        """The article's result from its model outputs; `translated` holds what
        `translations()` asked for (None: translate here, in one batched call)."""
        if translated is None:
            needed = self.translations(plan, results)
            translated = dict(zip(needed, self.translate_batch(list(needed.values())),
                                  strict=True))  # fmt: skip
        summaries: dict[str, Summary | None] = {}
        unavailable: dict[str, str] = {}
        for lang in plan.langs:
            route = plan.route[lang]
            if route.how == "unavailable":
                summaries[lang], unavailable[lang] = None, route.reason
                continue
            result = results[route.request]
            if isinstance(result, Exception):
                # The detail (a CUDA OOM, a tokenizer error) goes to the log, not the client.
                if not isinstance(result, NothingToExtract):
                    log.warning("summary of %s in %s failed: %r", plan.article.id, lang, result)
                summaries[lang] = None
                unavailable[lang] = _failure_reason(result, self.summariser.name)
            elif route.how == "direct":
                summaries[lang] = result
            else:
                summaries[lang] = self._translated(result, lang, translated[lang])
        return ArticleResult(plan.article, summaries, unavailable)

    def _translated(self, summary: Summary, target: str, text: str | Exception) -> Summary:
        if isinstance(text, Exception):
            raise text  # the article fails, as it would have with the translator in line
        assert self.translator is not None
        return Summary(
            text=text,
            lang=target,  # type: ignore[arg-type]
            method="translated",
            model=f"{summary.model} -> {self.translator.name}",
        )

    # -- all stages: the one orchestration path ---------------------------------
    def orchestrate(self, plans: Sequence[Plan | Exception]) -> Steps:
        """Plans in, results out (an exception in place of each article that failed),
        as a generator that yields its model work and is sent the outputs, one per item
        in order (an exception in place of an item that failed). It yields twice: every
        plan's summary requests, then the translations their routes still need (either
        list may be empty). Every door drives this one path: `run` with direct model
        calls (the CLI's file job, Ray's actors), the service with its batcher, so one
        request's articles, or one chunk's, share each model call."""
        live = [p for p in plans if isinstance(p, Plan)]
        outputs = yield [r for p in live for r in p.requests]
        mine = _split(outputs, [len(p.requests) for p in live])
        needed = [self.translations(p, out) for p, out in zip(live, mine, strict=True)]
        texts = yield [t for n in needed for t in n.values()]
        translated = _split(texts, [len(n) for n in needed])
        done = iter(zip(live, mine, needed, translated, strict=True))
        results: list[ArticleResult | Exception] = []
        for p in plans:
            if isinstance(p, Exception):
                results.append(p)
                continue
            plan, outputs_, wanted, texts_ = next(done)
            try:
                results.append(self.assemble(plan, outputs_, dict(zip(wanted, texts_,
                                                                      strict=True))))
            except Exception as exc:  # noqa: BLE001 - reported for this article only
                results.append(exc)
        return results

    def run(self, steps: Steps) -> list[ArticleResult | Exception]:
        """Drive `orchestrate` with direct, batched model calls (no batcher)."""
        translations = steps.send(self.summarise_requests(next(steps)))
        return conclude(steps, self.translate_batch(translations))

    def summarise_articles(
        self, articles: Sequence[Article], langs: Sequence[str] = LANGS
    ) -> list[ArticleResult | Exception]:
        """Summarise many articles with one batched model call (and one for their
        translations); per-article failures are returned in place as exceptions."""
        return self.run(self.orchestrate([self.plan_or_error(a, langs) for a in articles]))

    def plan_or_error(self, article: Article, langs: Sequence[str]) -> Plan | Exception:
        try:
            return self.plan(article, langs)
        except Exception as exc:  # noqa: BLE001 - reported per article
            return exc


def conclude(steps: Steps, translated: list[Any]) -> list[ArticleResult | Exception]:
    """Send `orchestrate` its last outputs (the translations) and take its results."""
    try:
        steps.send(translated)
    except StopIteration as done:
        return done.value
    raise RuntimeError("orchestrate yielded more than twice")


def _split(items: Sequence[T], sizes: Sequence[int]) -> list[list[T]]:
    """`items` cut into consecutive runs of `sizes`: each plan's share of a batched call."""
    out, cursor = [], 0
    for size in sizes:
        out.append(list(items[cursor : cursor + size]))
        cursor += size
    if cursor != len(items):
        raise RuntimeError(f"{len(items)} model outputs for {cursor} work items")
    return out


def _sections(article: Article) -> set[str]:
    """Languages the article has enough whole sentences in to be summarised from them."""
    whole = [s.lang for s in article.sentence_info if s.whole]
    return {
        lang for lang in LANGS
        if whole.count(lang) >= SECTION_MIN_SENTENCES
        and whole.count(lang) >= SECTION_MIN_SHARE * len(whole)
    }

