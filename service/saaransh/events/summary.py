"""Event summaries: multi-document extractive in each language, abstractive when a
summariser that can write the language is given.

Extractive: every sentence of the event's articles is read in its own language (a
code-mixed report feeds both summaries), grouped into units that stand on their own
(summarise/discourse.py). A unit that says what an earlier one from another article said
collapses into it and cites both articles; units are ranked as in an article summary
(the members' headlines, centrality in the event, lead position) plus how many articles
report them. The summary opens with the best lede, then
takes the best units that fit the word budget and repeat nothing already taken (the
fitted rule of summarise/redundancy.py). Nothing is translated: an event with no sentence in
a language gets `None` and a reason, unless the summariser can write that language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embeddings import Embedder
from ..language import analyse_sentences
from ..settings import EventSettings
from ..store import ArticleRow
from ..summarise.base import Summariser, Summary, SummaryRequest
from ..summarise.discourse import is_complete, units
from ..summarise.redundancy import is_duplicate
from ..summarise.selection import guides, relevance

LANGS = ("en", "hi")
MIN_WORDS = 4  # shorter "sentences" are datelines and captions
SUPPORT_WEIGHT = 0.3  # on top of article relevance: a fact more outlets report matters more


@dataclass
class EventSentence:
    """A unit of one article (one sentence, or a quote of several) and who reported it."""

    text: str
    position: int  # index of its first sentence in its (first) article
    order: int  # reading order across the event: earliest article first
    article_ids: list[str] = field(default_factory=list)
    needs: int | None = None  # sentence of the same article it leans on
    last: int = 0  # index of its last sentence
    lede: bool = False  # the first unit of its article that stands on its own


def article_lang(article: ArticleRow) -> str:
    return (article.language or {}).get("primary", "other")


def key_sentences(
    articles: Sequence[ArticleRow], lang: str, embedder: Embedder, settings: EventSettings,
    budget: int,
) -> list[EventSentence]:
    """The event's best units in `lang` under `budget` words: the best lede, then the rest
    in reading order."""
    pool = _collect(articles, lang, settings)
    if not pool:
        return []
    # The members' headlines say what the event is (their main clauses, as for one article).
    heads = [g for a in list(articles)[: settings.summary_max_articles]
             for g in guides(a.title, None)]  # fmt: skip
    # No embedding input longer than the cap, whatever an old stored "sentence" holds.
    cap = settings.summary_max_embed_chars
    everything = embedder.embed([s.text[:cap] for s in pool] + [h[:cap] for h in heads])
    vectors, head_vecs = everything[: len(pool)], everything[len(pool) :]
    kept, kept_vecs = _collapse(pool, vectors, settings.summary_duplicate_score)
    n_articles = len({a for s in pool for a in s.article_ids})
    rank = relevance([s.text for s in kept], kept_vecs, heads, head_vecs,
                     [s.position for s in kept], centre=vectors.mean(axis=0))  # fmt: skip
    rank = rank + SUPPORT_WEIGHT * np.array([len(s.article_ids) / n_articles for s in kept])
    chosen = _pick(kept, kept_vecs, _chain_worth(kept, rank), budget)
    return _in_order([kept[i] for i in chosen])


def _chain_worth(kept: list[EventSentence], rank: np.ndarray) -> np.ndarray:
    """Units that lean on each other are read as one: each is worth the best of its chain,
    so taking one opens the way for the rest."""
    worth = rank.copy()
    ends = {(s.article_ids[0], s.last): i for i, s in enumerate(kept)}
    linked = [(ends[(s.article_ids[0], s.needs)], j) for j, s in enumerate(kept)
              if s.needs is not None and (s.article_ids[0], s.needs) in ends]  # fmt: skip
    changed = True
    while changed:  # along each chain, both ways, until every unit has the chain's best
        changed = False
        for i, j in linked + [(j, i) for i, j in linked]:
            if worth[i] > worth[j]:
                worth[j], changed = worth[i], True
    return worth


def _in_order(chosen: list[EventSentence]) -> list[EventSentence]:
    """The lede, then the rest in reading order; a unit that leans on another always comes
    right after it (the lede's own continuation moves up with it)."""
    out = [chosen[0]]
    rest = sorted(chosen[1:], key=lambda s: s.order)
    while rest:
        last = out[-1]
        follow = next((s for s in rest if s.needs is not None and s.needs == last.last
                       and s.article_ids[0] == last.article_ids[0]), None)  # fmt: skip
        nxt = follow or next((s for s in rest if s.needs is None), rest[0])
        rest.remove(nxt)
        out.append(nxt)
    return out


def _collect(
    articles: Sequence[ArticleRow], lang: str, settings: EventSettings
) -> list[EventSentence]:
    pool: list[EventSentence] = []
    for article in list(articles)[: settings.summary_max_articles]:
        sentences = list(article.sentences[: settings.summary_sentences_per_article])
        if not sentences:
            continue
        # Each sentence in its own language: a Hindi report's English paragraph is English.
        _, per_sentence = analyse_sentences(sentences)
        paragraphs = _paragraphs(article.text or "", sentences)
        lede_seen = False
        for unit in units(sentences, paragraphs):
            first, last = unit.ids[0], unit.ids[-1]
            text = " ".join(sentences[i] for i in unit.ids)
            if (
                all(per_sentence[i][0] == lang for i in unit.ids)
                and unit.closed
                and is_complete(sentences[last], last == len(article.sentences) - 1)
                and len(sentences[first].split()) >= MIN_WORDS
                and all(len(sentences[i]) <= settings.summary_max_sentence_chars
                        for i in unit.ids)
            ):  # fmt: skip
                lede = not lede_seen and unit.needs is None
                lede_seen = lede_seen or lede
                pool.append(EventSentence(text.strip(), first, len(pool), [article.id],
                                          unit.needs, last, lede))  # fmt: skip
    return pool


def _paragraphs(text: str, sentences: list[str]) -> list[int]:
    """Paragraph (line) number of each stored sentence, found in the stored clean text."""
    out: list[int] = []
    at = 0
    for sentence in sentences:
        found = text.find(sentence, at)
        if found < 0:  # stored before a re-analysis changed the text: keep the last paragraph
            out.append(out[-1] if out else 0)
            continue
        out.append(text.count("\n\n", 0, found))
        at = found + len(sentence)
    return out


def _collapse(
    pool: list[EventSentence], vectors: np.ndarray, threshold: float
) -> tuple[list[EventSentence], np.ndarray]:
    """Greedy in reading order: a unit that says what an earlier unit of another article
    said adds its article id there (it is reported twice) instead of standing again."""
    kept: list[int] = []
    for i, sentence in enumerate(pool):
        twin = next(
            (k for k in kept if pool[k].article_ids[0] != sentence.article_ids[0]
             and is_duplicate(pool[k].text, sentence.text, vectors[k], vectors[i], threshold)),
            None,
        )  # fmt: skip
        if twin is None:
            kept.append(i)
        elif sentence.article_ids[0] not in pool[twin].article_ids:
            pool[twin].article_ids.append(sentence.article_ids[0])
    return [pool[i] for i in kept], vectors[kept]


def _pick(kept: list[EventSentence], vectors: np.ndarray, rank: np.ndarray, budget: int
          ) -> list[int]:  # fmt: skip
    """Indices into `kept`: the best lede first (the first pick always fits, an over-long
    lede beats an empty summary), then the best units that fit, repeat nothing taken, and
    lean only on a sentence taken from the same article."""
    order = sorted(range(len(kept)), key=lambda i: -rank[i])
    standalone = [i for i in order if kept[i].needs is None]
    chosen = [next((i for i in standalone if kept[i].lede), standalone[0])]
    used = len(kept[chosen[0]].text.split())
    progress = True
    while progress:
        progress = False
        for i in order:
            s = kept[i]
            words = len(s.text.split())
            if i in chosen or used + words > budget:
                continue
            if s.needs is not None and not any(
                kept[j].article_ids[0] == s.article_ids[0] and kept[j].last == s.needs
                for j in chosen
            ):
                continue
            if any(is_duplicate(s.text, kept[j].text, vectors[i], vectors[j]) for j in chosen):
                continue
            chosen.append(i)
            used += words
            progress = True
            break
    return chosen


@dataclass
class Draft:
    """One language of an event summary, part-made: the request a summariser should try
    (with the key sentences it is given), or the finished extract or reason."""

    lang: str
    request: SummaryRequest | None = None
    key: list[EventSentence] = field(default_factory=list)
    record: dict | None = None
    reason: str | None = None


def summarise_event(
    event_id: str, articles: Sequence[ArticleRow], lang: str, embedder: Embedder,
    settings: EventSettings, summariser: Summariser | None = None,
) -> tuple[dict | None, str | None]:
    """(summary record, None) or (None, reason) for one event and target language."""
    draft = draft_summary(event_id, articles, lang, embedder, settings, summariser)
    result = None
    if draft.request is not None and summariser is not None:
        (result,) = summariser.summarise([draft.request])
    return finish_summary(draft, result, articles, embedder, settings)


def draft_summary(
    event_id: str, articles: Sequence[ArticleRow], lang: str, embedder: Embedder,
    settings: EventSettings, summariser: Summariser | None = None,
) -> Draft:
    """The abstractive request to try when the summariser can write `lang`, else the
    extract (the embedding work of an event summary, done here)."""
    langs_present = [x for x in LANGS if any(article_lang(a) == x for a in articles)]
    # Same-language sources first and only: a cross-lingual model is the fallback for a
    # language no article is written in, never a replacement for extracting from one.
    sources = [lang] if lang in langs_present else langs_present
    # An extractive backend would only re-pick our key sentences, without citations.
    if summariser is not None and summariser.name != "extractive":
        for source in sources:
            if not summariser.can_write(lang, source):
                continue
            budget = 3 * settings.summary_words
            key = key_sentences(articles, source, embedder, settings, budget=budget)
            if key:
                request = SummaryRequest(
                    doc_id=event_id, sentences=tuple(s.text for s in key), source_lang=source,
                    target_lang=lang, max_words=settings.summary_words,  # type: ignore[arg-type]
                )  # fmt: skip
                return Draft(lang, request=request, key=key)
    record, reason = _extract(articles, lang, embedder, settings)
    return Draft(lang, record=record, reason=reason)


def finish_summary(
    draft: Draft, result: Summary | Exception | None, articles: Sequence[ArticleRow],
    embedder: Embedder, settings: EventSettings,
) -> tuple[dict | None, str | None]:
    """The draft's record, with the summariser's `result` for its request (if it had one)."""
    if draft.request is None:
        return draft.record, draft.reason
    # A failure or an extractive backend: our own multi-document extract cites better.
    if isinstance(result, Summary) and result.method != "extractive":
        return _record(result.text, result.method, result.model, draft.key), None
    return _extract(articles, draft.lang, embedder, settings)


def _extract(
    articles: Sequence[ArticleRow], lang: str, embedder: Embedder, settings: EventSettings
) -> tuple[dict | None, str | None]:
    picked = key_sentences(articles, lang, embedder, settings, settings.summary_words)
    if picked:
        return _record(" ".join(s.text for s in picked), "extractive", embedder.name,
                       picked), None  # fmt: skip
    have = ", ".join(x for x in LANGS if any(article_lang(a) == x for a in articles)) or "none"
    return None, (
        f"no article of this event has a '{lang}' sentence to extract (articles in: {have}) "
        f"and no installed summariser can write '{lang}' from them"
    )


def _record(text: str, method: str, model: str, sentences: list[EventSentence]) -> dict:
    return {
        "text": text,
        "method": method,
        "model": model,
        # For abstractive output these are the source sentences the model was given.
        "sentences": [{"text": s.text, "article_ids": s.article_ids} for s in sentences],
    }
