"""Knobs of event clustering and event summaries: `Settings().events`, read from the
environment as `SAARANSH_EVENT_<NAME>`.

Where the clustering defaults come from: real news. `benchmarks/fit_clusters.py` reads the
dev set (../shared/dev/news-dev.jsonl, 137 Hindi, English and code-mixed reports of 22
events of 2019-2024 with 9 hard-negative pairs) and fits them on its "tune" split only:
- the cosine calibration (floor, ceiling, cross-lingual shift) and the entity scales are
  *measured*: the mean score of an article against the other reports of its own event
  (ceiling / full) and against other events (floor), same language and across;
- embedding_weight, join_threshold, merge_threshold and time_grace_days are *searched* on
  a grid for the best mean BCubed F1 over the file order and three seeded shuffles of the
  tune articles (`--search`); the chosen point sits on a plateau (neighbours 0.95-0.97).
`benchmarks/cv_clusters.py` repeats the fit leaving events out, over all 22 events (4 folds):
the folds pick embedding_weight 0.6-0.7 and join_threshold 0.6-0.65, and the defaults score
at least as well as each fold's own fit on 3 of 4 folds.
The other knobs bound cost or encode a reading of news, not a fit. The held-out events
(Ram Mandir, Balasore, Silkyara, T20, Neeraj, G20, Hathras) never set a parameter, but
the *structure* of the score was developed reading errors on all the dev data, so the
held-out figures in the README are not fully blind.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class EventSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    join_threshold: float = Field(
        0.65,
        ge=0,
        le=1,
        description="Least score for an article to join an event (searched on the tune "
        "split). Higher splits one story into several events; lower lumps a happening "
        "with its follow-up (launch and landing) together.",
    )
    merge_threshold: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Least score between two events (same formula, the events' mean "
        "vectors and entities) to merge them into the older one: the second pass that "
        "joins events that converged as their articles arrived. Keep it above "
        "join_threshold, or merges chain unrelated events.",
    )
    cosine_floor: float = Field(
        0.915,
        ge=-1,
        le=1,
        description="Embedding cosine mapped to 0: the mean cosine of an article with an "
        "event it is not part of, same language (measured; e5 cosines are compressed, "
        "unrelated news sits near 0.89 against an event's mean vector).",
    )
    cosine_ceiling: float = Field(
        0.974,
        ge=-1,
        le=1,
        description="Embedding cosine mapped to 1: the mean cosine of an article with the "
        "other reports of its own event, same language (measured).",
    )
    crosslingual_shift: float = Field(
        0.031,
        ge=0,
        le=0.5,
        description="How much lower a Hindi report scores against English reports of the "
        "same story than against Hindi ones (measured); floor and ceiling drop by it for "
        "a pair of different languages. 0 treats a translation like a paraphrase.",
    )
    embedding_weight: float = Field(
        0.7, ge=0, le=1, description="Share of the score from the embedding; the rest "
        "comes from names, acronyms, numbers and dates shared across scripts (searched)."
    )
    entity_full: float = Field(
        0.475,
        gt=0,
        le=1,
        description="Entity overlap (weighted Dice of the keys) at which entity evidence "
        "counts fully, same language: the mean overlap of an article with its own event "
        "(measured). Lower makes a few shared names decisive.",
    )
    crosslingual_entity_full: float = Field(
        0.30,
        gt=0,
        le=1,
        description="entity_full for a Hindi article against English reports (and back): "
        "transliteration finds names, never translated words, so the overlap is lower.",
    )
    time_decay_days: float = Field(
        3.0,
        gt=0,
        description="Days outside an event's first..last seen span at which the score is "
        "halved; an article dated inside the span is not penalised. An undated article "
        "(or an event with no dated member) has no time penalty.",
    )
    time_grace_days: int = Field(
        0,
        ge=0,
        description="Days outside an event's span with no time penalty at all: 1 lets the "
        "next day's reports in freely (Hindi papers often print a day later), 0 makes a "
        "follow-up a day later (a funeral after a death) need more content to join.",
    )
    undated_factor: float = Field(
        1.0,
        gt=0,
        le=1,
        description="The time factor of an undated article against an event, or of any "
        "article against an event with no dated member. Below 1, an undated report needs "
        "more content evidence to join (a follow-up a day later reads alike); 1 treats "
        "it as published the same day.",
    )
    refine_margin: float = Field(
        0.05,
        ge=0,
        le=1,
        description="In the second pass after a batch, an article moves to another event "
        "only if it scores this much more there than with its own event (without itself). "
        "Higher keeps the online decisions; 0 lets near-ties flip.",
    )
    refine_rounds: int = Field(
        3, ge=0, description="Rounds of the second pass (it stops early when nothing "
        "moves); 0 turns it off and keeps the online clustering as it came. The pass first "
        "puts the undated reports back against each event's dated ones, most confident "
        "first (events/undated.py), then reconsiders every member by `refine_margin`."
    )
    refine_interval_s: float = Field(
        10.0,
        ge=0,
        description="The debounce of the second pass in `saaransh serve` (articles posted "
        "or followed from feeds): the events changed since the last pass are refined at "
        "most once in this many seconds, on the store thread, in rounds of a few events "
        "(a backlog is worked off without waiting). Lower corrects an early arrival's "
        "event sooner; higher batches more arrivals into one pass and holds the store "
        "thread less often. A moved article's record shows its new event; a merged "
        "event's old id resolves to the merged one.",
    )
    window_days: int = Field(
        7,
        ge=0,
        description="A dated article is compared with the events whose span comes within "
        "this many days of its date (plus the recently changed ones). Bounds the cost.",
    )
    recent_events: int = Field(
        200,
        ge=0,
        description="The events changed most recently, compared with every article whatever "
        "its date: the only candidates of an undated article. More finds older undated "
        "stories; each costs one comparison per article.",
    )
    max_candidates: int = Field(
        500, ge=1, description="Cap on the dated window's events compared per article."
    )
    lead_sentences: int = Field(
        3, ge=0, description="Sentences after the title that make the lead vector."
    )
    body_weight: float = Field(
        0.5,
        ge=0,
        description="Weight of the whole-article vector (mean of its sentence embeddings, "
        "the ones the extractive summariser computes) next to the lead vector (weight 1).",
    )
    max_sentences: int = Field(
        60,
        ge=1,
        description="Sentences read for the whole-article vector and the entities; bounds "
        "the embedding cost of a very long article.",
    )
    summary_words: int = Field(
        70, ge=10, le=400, description="Word budget of an event summary."
    )
    summary_duplicate_score: float = Field(
        0.639,
        ge=0,
        le=1,
        description="Units of different articles scoring at least this on the near-duplicate "
        "rule (0.55 x shared content words + 0.45 x rescaled e5 cosine, "
        "summarise/redundancy.py) are one sentence of the event summary, cited with all "
        "their article ids. Lower merges more reports of one fact but risks citing an "
        "article for a fact it did not report; the default flags 0.5% of the sentence pairs "
        "of one article on the dev tune split (benchmarks/fit_redundancy.py).",
    )
    summary_max_sentence_chars: int = Field(
        1000,
        ge=100,
        description="Stored sentences longer than this (pieces of a run-on text) are not "
        "used in event summaries. Match SAARANSH_MAX_SENTENCE_CHARS.",
    )
    summary_max_embed_chars: int = Field(
        1000,
        ge=100,
        description="Longest text handed to the embedder for an event summary; longer units "
        "are embedded by their first characters. Bounds the work of one refresh.",
    )
    summary_max_articles: int = Field(
        40, ge=1, description="Most member articles (newest first) read for an event summary."
    )
    summary_sentences_per_article: int = Field(
        12, ge=1, description="Leading sentences of each article considered for a summary."
    )
    refresh_interval_s: float = Field(
        10.0,
        ge=0,
        description="The debounce of event summaries in `saaransh serve`: an event whose "
        "membership changed is re-summarised at most once in this many seconds (its first "
        "summary is made as soon as the model is free). Event summaries are background "
        "work that only runs while no request waits; lower keeps them fresher and costs "
        "more model time while a story is breaking, higher saves it.",
    )
