"""Online clustering and event summaries through EventService, with a fake embedder."""

from __future__ import annotations

import datetime as dt

import pytest

from fakes import SummariserDefaults
from fakes_events import TopicEmbedder
from saaransh.article import Article, LanguageInfo
from saaransh.engine import ArticleResult
from saaransh.events import EventService, EventSettings
from saaransh.store import Store
from saaransh.summarise.base import Summary
from store_backends import BACKENDS, make_store

D = dt.date


def result(id, title, sentences, date=None, lang="en") -> ArticleResult:
    info = LanguageInfo(lang, "Deva" if lang == "hi" else "Latn", False, 0.0, {})
    article = Article(id, title, " ".join(sentences), list(sentences), info, date)
    return ArticleResult(article, {"en": None}, {"en": "no model"})


def service(store=None, settings=None, **kw) -> EventService:
    return EventService(store or Store("sqlite://").migrate(), embedder=TopicEmbedder(),
                        settings=settings or EventSettings(), **kw)


# Cosines taken as they are and the embedding alone: the fake's topic arithmetic is exact.
RAW = {"cosine_floor": 0.0, "cosine_ceiling": 1.0, "crosslingual_shift": 0.0,
       "embedding_weight": 1.0}  # fmt: skip
# Cluster by the title alone: the tests of event summaries are about summaries.
TITLE_ONLY = {"lead_sentences": 0, "body_weight": 0.0}


@pytest.fixture(params=BACKENDS)
def backend_store(request, tmp_path):
    with make_store(request.param, tmp_path) as s:
        yield s


def test_same_story_joins_and_other_story_starts_a_new_event(backend_store):
    svc = service(backend_store)
    a = svc.ingest(result("a", "topic1 floods", ["topic1 Rain in the city."], D(2025, 11, 3)))
    b = svc.ingest(result("b", "topic1 floods", ["topic1 Rain again."], D(2025, 11, 4), "hi"))
    c = svc.ingest(result("c", "topic2 cricket", ["topic2 A match."], D(2025, 11, 4)))
    assert a == b != c
    assert a.startswith("evt_")
    cluster = svc.get_cluster(a)
    assert cluster["type"] == "cluster" and cluster["article_ids"] == ["a", "b"]
    assert (cluster["first_seen"], cluster["last_seen"]) == ("2025-11-03", "2025-11-04")
    assert svc.get_article("b")["cluster_id"] == a
    assert {c_["id"] for c_ in svc.list_clusters()} == {a, c}
    assert svc.cluster_ids_for(["c", "a", "b", "missing"]) == [c, a]


@pytest.mark.parametrize(("days", "joins"), [(1, True), (3, True), (7, False), (40, False)])
def test_time_decay(days, joins):
    # Grace 1 day, halving every 3: the same story joins at 0.5 (3 days), not at 0.25.
    settings = EventSettings(**RAW, join_threshold=0.45, time_grace_days=1, time_decay_days=3)
    svc = service(settings=settings)
    first = svc.ingest(result("a", "topic1 x", ["topic1 s."], D(2025, 11, 1)))
    later = svc.ingest(result("b", "topic1 x", ["topic1 s."], D(2025, 11, 1) + dt.timedelta(days)))
    assert (first == later) is joins


def test_article_dated_inside_the_event_span_is_not_penalised():
    svc = service(settings=EventSettings(time_grace_days=0))
    a = svc.ingest(result("a", "topic1", ["topic1 s."], D(2025, 11, 1)))
    svc.ingest(result("b", "topic1", ["topic1 s."], D(2025, 11, 2)))
    svc.ingest(result("c", "topic1", ["topic1 s."], D(2025, 11, 3)))
    assert svc.ingest(result("mid", "topic1", ["topic1 s."], D(2025, 11, 2))) == a


def test_undated_article_joins_by_content_and_never_moves_the_span():
    svc = service()
    aug = svc.ingest(result("aug", "topic1 visit", ["topic1 s."], D(2025, 8, 21)))
    undated = svc.ingest(result("undated", "topic1 visit", ["topic1 s."], None))
    assert undated == aug
    event = svc.store.get_event(aug)
    assert (event.first_seen, event.last_seen) == (D(2025, 8, 21), D(2025, 8, 21))
    nov = svc.ingest(result("nov", "topic1 visit", ["topic1 s."], D(2025, 11, 18)))
    assert nov != aug  # same topic three months later is another event
    alone = svc.ingest(result("alone", "topic2 x", ["topic2 s."], None))
    assert svc.get_cluster(alone)["first_seen"] is None  # no member with a date: no span


def test_yearless_dateline_takes_its_year_from_the_stream_never_the_clock():
    svc = service()
    dateline = ["मास्को, 22 अगस्त (एजेंसी). topic1 जयशंकर ने लावरोव से मुलाकात की।"]
    alone = result("first", "topic1", dateline, None, "hi")
    svc.ingest(alone)
    assert alone.article.published_at is None  # an empty stream has no year to lend
    svc.ingest(result("dated", "topic1", ["topic1 s."], D(2025, 8, 21)))
    late = result("late", "topic1", dateline, None, "hi")
    event_id = svc.ingest(late)
    assert late.article.published_at == D(2025, 8, 22) == svc.store.get_article("late").published_at
    assert svc.get_cluster(event_id)["last_seen"] == "2025-08-22"


def test_converging_events_merge_into_the_older_id():
    # Embedding only, raw cosine: the arithmetic below is exact with one-hot topic centres.
    settings = EventSettings(**RAW, join_threshold=0.6, merge_threshold=0.2)
    svc = service(settings=settings)
    old = svc.ingest(result("a", "topic3", ["topic3"], D(2025, 11, 1)))
    new = svc.ingest(result("b", "topic4", ["topic4"], D(2025, 11, 1)))
    assert old != new
    # cos 0.89 with topic4, 0.45 with topic3: joins the newer event, whose centroid then
    # has cosine 0.23 with the older one, above the merge threshold.
    mixed = "topic4 topic4 topic3"
    joined = svc.ingest(result("c", mixed, [mixed], D(2025, 11, 1)))
    assert joined == old
    assert svc.store.get_event(new).id == old  # the merged id still resolves
    assert svc.get_cluster(new)["article_ids"] == ["a", "b", "c"]
    assert svc.store.get_event(old).article_count == 3


def test_ids_are_deterministic_for_an_order():
    def run():
        svc = service()
        return [svc.ingest(result(i, f"topic{n}", [f"topic{n} s."], D(2025, 11, 1)))
                for i, n in [("x", 1), ("y", 2), ("z", 1)]]  # fmt: skip

    assert run() == run()


def test_reingesting_keeps_one_row_and_the_event(backend_store):
    svc = service(backend_store)
    first = svc.ingest(result("a", "topic1", ["topic1 old text."], D(2025, 11, 1)))
    svc.refresh_dirty()
    again = svc.ingest(result("a", "topic1 corrected", ["new text here now."], D(2025, 11, 1)))
    assert again == first
    assert svc.store.count_articles() == 1
    assert svc.get_cluster(first)["article_ids"] == ["a"]
    assert svc.store.get_article("a").sentences == ["new text here now."]
    assert svc.store.get_event(first).summary_dirty is True  # reads never recompute
    assert svc.refresh_dirty() == 1
    assert svc.store.get_event(first).summary_dirty is False


SHARED = "The rescue teams reached the flooded district on Monday night."


def test_event_summary_collapses_duplicates_and_cites_articles():
    svc = service(settings=EventSettings(**TITLE_ONLY))
    svc.ingest(result("a", "topic1", [SHARED, "Schools stay shut in four districts today."],
                      D(2025, 11, 3)))  # fmt: skip
    eid = svc.ingest(result("b", "topic1", [SHARED, "Three people died in a wall collapse."],
                            D(2025, 11, 4)))  # fmt: skip
    svc.ingest(result("h", "topic1", ["बचाव दल सोमवार रात बाढ़ प्रभावित जिले में पहुंचे।"],
                      D(2025, 11, 4), lang="hi"))  # fmt: skip
    assert svc.refresh_dirty() == 1
    cluster = svc.get_cluster(eid)
    en, hi = cluster["summaries"]["en"], cluster["summaries"]["hi"]
    assert en["method"] == "extractive" and en["model"] == "fake-topic-embedder"
    cited = {s["text"]: s["article_ids"] for s in en["sentences"]}
    assert cited[SHARED] == ["a", "b"]
    assert en["text"].count(SHARED) == 1
    assert all(s["article_ids"] == ["h"] for s in hi["sentences"])  # Hindi from Hindi only
    assert "unavailable" not in cluster


@pytest.mark.parametrize(("budget", "most"), [(10, 10), (11, 20)])
def test_event_summary_word_budget(budget, most):
    svc = service(settings=EventSettings(**TITLE_ONLY, summary_words=max(budget, 10)))
    sentences = ["one two three four five six seven eight nine ten.",
                 "alpha beta gamma delta epsilon zeta eta theta iota kappa."]  # fmt: skip
    eid = svc.ingest(result("a", "topic1", sentences, D(2025, 11, 1)))
    svc.refresh_dirty()
    assert len(svc.get_cluster(eid)["summaries"]["en"]["text"].split()) <= most


def test_missing_language_is_null_with_a_reason():
    svc = service()
    eid = svc.ingest(result("a", "topic1", ["Only an English report exists here."], D(2025, 1, 1)))
    svc.refresh_dirty()
    cluster = svc.get_cluster(eid)
    assert cluster["summaries"]["hi"] is None
    assert "'hi'" in cluster["unavailable"]["hi"]


class FakeAbstractive(SummariserDefaults):
    name = "fake-crosssum"

    def __init__(self) -> None:
        self.requests = []

    def can_write(self, target_lang, source_lang):
        return True

    def summarise(self, requests):
        self.requests += requests
        return [Summary(f"[{r.target_lang}] {len(r.sentences)} sentences", r.target_lang,
                        "abstractive", self.name) for r in requests]  # fmt: skip


def test_abstractive_summariser_gets_the_key_sentences_as_one_request():
    fake = FakeAbstractive()
    svc = service(summariser=fake)
    eid = svc.ingest(result("a", "topic1", ["Rain floods the city streets today.",
                                            "Schools are shut in four districts."],
                            D(2025, 11, 1)))  # fmt: skip
    svc.refresh_dirty()
    cluster = svc.get_cluster(eid)
    assert cluster["summaries"]["en"]["method"] == "abstractive"
    assert cluster["summaries"]["hi"]["text"].startswith("[hi]")  # written from English
    assert {(r.source_lang, r.target_lang) for r in fake.requests} == {("en", "en"), ("en", "hi")}
    assert all(r.doc_id == eid for r in fake.requests)


def test_summaries_recompute_only_when_the_event_changes():
    svc = service(settings=EventSettings(**TITLE_ONLY))
    eid = svc.ingest(result("a", "topic1", ["A first sentence with words."], D(2025, 11, 1)))
    assert svc.refresh_dirty() == 1
    calls = svc.embedder.calls
    svc.get_cluster(eid)
    svc.list_clusters()
    assert svc.refresh_dirty() == 0
    assert svc.embedder.calls == calls
    svc.ingest(result("b", "topic1", ["A second sentence with words."], D(2025, 11, 1)))
    assert svc.store.get_event(eid).summary_dirty
    assert svc.refresh_dirty() == 1


def test_unknown_ids_read_as_none():
    svc = service()
    assert svc.get_cluster("evt_missing") is None
    assert svc.get_article("missing") is None


def test_second_pass_moves_an_early_arrival_to_the_event_it_fits_better():
    settings = EventSettings(**RAW, join_threshold=0.4, merge_threshold=0.95)
    svc = service(settings=settings)
    first = [svc.ingest(result(f"a{i}", "topic1", ["topic1"], D(2025, 11, 1))) for i in range(3)]
    # Closer to topic2 (cos 0.89) than topic1 (0.45), but topic2 has no event yet.
    early = "topic1 topic2 topic2"
    assert svc.ingest(result("x", early, [early], D(2025, 11, 1))) == first[0]
    later = [svc.ingest(result(f"b{i}", "topic2", ["topic2"], D(2025, 11, 1))) for i in range(3)]
    assert later[0] != first[0]
    assert svc.consolidate(["a0", "a1", "a2", "x", "b0", "b1", "b2"]) == 1
    assert svc.get_article("x")["cluster_id"] == later[0]
    moved_from, moved_to = svc.store.get_event(first[0]), svc.store.get_event(later[0])
    assert (moved_from.article_count, moved_to.article_count) == (3, 4)
    assert moved_to.language_counts == {"en": 4} and moved_from.summary_dirty


def test_second_pass_places_undated_reports_by_the_dated_ones_whatever_came_first():
    # A 2023 story's undated reports arrive while only a 2021 story of the same actors
    # exists, and join it; together they outweigh its one dated report, so no single
    # report fits the 2023 event better than "its own". Placed against the dated reports
    # alone, most confident first, they all go where they belong.
    settings = EventSettings(**RAW, join_threshold=0.4, merge_threshold=0.95)
    svc = service(settings=settings)
    old = svc.ingest(result("a0", "topic1", ["topic1"], D(2021, 8, 7)))
    mixed = "topic1 topic2 topic2"  # cosine 0.45 with topic1, 0.89 with topic2
    assert [svc.ingest(result(f"u{i}", mixed, [mixed])) for i in range(3)] == [old] * 3
    new = [svc.ingest(result(f"b{i}", "topic2", ["topic2"], D(2023, 8, 27))) for i in range(2)]
    assert new[0] == new[1] != old
    assert svc.consolidate(["a0", "u0", "u1", "u2", "b0", "b1"]) == 3
    assert [svc.get_article(f"u{i}")["cluster_id"] for i in range(3)] == [new[0]] * 3
    assert svc.get_cluster(old)["article_ids"] == ["a0"]
    assert svc.get_cluster(new[0])["article_ids"] == ["b0", "b1", "u0", "u1", "u2"]
    span = svc.get_cluster(new[0])["first_seen"], svc.get_cluster(new[0])["last_seen"]
    assert span == ("2023-08-27", "2023-08-27")  # undated members leave the span alone


def test_an_undated_report_that_fits_no_dated_event_stays_where_it_was():
    settings = EventSettings(**RAW, join_threshold=0.4, merge_threshold=0.95)
    svc = service(settings=settings)
    alone = svc.ingest(result("u0", "topic3", ["topic3"]))
    dated = svc.ingest(result("a0", "topic1", ["topic1"], D(2021, 8, 7)))
    assert alone != dated
    assert svc.consolidate(["u0", "a0"]) == 0
    assert svc.get_article("u0")["cluster_id"] == alone
