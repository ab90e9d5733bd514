"""Event summaries: each sentence in its own language, lede first, no repeats, citations."""

from __future__ import annotations

import pytest

from fakes import WordEmbedder
from saaransh.events.summary import summarise_event
from saaransh.settings import EventSettings
from saaransh.store.models import ArticleRow
from saaransh.summarise.discourse import leans_on_previous


def row(id: str, sentences: list[str], primary: str) -> ArticleRow:
    return ArticleRow(id=id, title=None, text="\n\n".join(sentences), sentences=sentences,
                      language={"primary": primary})  # fmt: skip


HINDI_WITH_ENGLISH = row("h1", [
    "शहर की पहली भूमिगत मेट्रो लाइन बुधवार सुबह यात्रियों के लिए खोल दी गई।",
    "पहले दिन करीब चालीस हजार लोगों ने इस लाइन पर सफर किया।",
    "The new underground line links the railway station with the university campus.",
    "Officials said trains will run every six minutes during the morning rush.",
], "hi")  # fmt: skip
HINDI = row("h2", [
    "पुणे में पहली भूमिगत मेट्रो लाइन बुधवार को यात्रियों के लिए शुरू हुई।",
    "उन्होंने कहा कि टिकट दस से तीस रुपये के बीच होंगे।",
    "मेट्रो निगम ने छात्रों के लिए मासिक पास पर छूट की घोषणा की।",
], "hi")  # fmt: skip


def test_a_hindi_report_with_english_paragraphs_feeds_the_english_summary() -> None:
    record, reason = summarise_event("e", [HINDI_WITH_ENGLISH, HINDI], "en", WordEmbedder(),
                                     EventSettings())  # fmt: skip
    assert reason is None and record is not None
    texts = [s["text"] for s in record["sentences"]]
    assert texts and all(t.isascii() for t in texts)  # English from English only
    assert all(s["article_ids"] == ["h1"] for s in record["sentences"])
    hindi, _ = summarise_event("e", [HINDI_WITH_ENGLISH, HINDI], "hi", WordEmbedder(),
                               EventSettings())  # fmt: skip
    assert hindi is not None
    assert not any(s["text"].isascii() for s in hindi["sentences"])


def test_lede_first_and_no_sentence_without_what_it_leans_on() -> None:
    record, _ = summarise_event("e", [HINDI, HINDI_WITH_ENGLISH], "hi", WordEmbedder(),
                                EventSettings())  # fmt: skip
    assert record is not None
    texts = [s["text"] for s in record["sentences"]]
    assert texts[0] in (HINDI.sentences[0], HINDI_WITH_ENGLISH.sentences[0])
    assert not leans_on_previous(texts[0])
    for before, text in zip(texts, texts[1:], strict=False):
        if leans_on_previous(text):  # right after the sentence it leans on, in its article
            article = next(a for a in (HINDI, HINDI_WITH_ENGLISH) if text in a.sentences)
            assert article.sentences[article.sentences.index(text) - 1] == before


def test_no_language_no_summary_and_an_honest_reason() -> None:
    record, reason = summarise_event("e", [HINDI], "en", WordEmbedder(), EventSettings())
    assert record is None
    assert "no article of this event has a 'en' sentence" in reason


@pytest.fixture(scope="module")
def embedder():
    from saaransh.embeddings import default_embedder

    return default_embedder()


def test_one_fact_from_two_outlets_is_one_sentence_citing_both(embedder) -> None:
    a = row("a", [
        "The Reserve Bank of India kept the repo rate unchanged at 6.5 per cent on Thursday.",
        "The central bank said inflation was still above its target of four per cent.",
    ], "en")  # fmt: skip
    b = row("b", [
        "The Reserve Bank of India on Thursday kept the repo rate unchanged at 6.5 per cent.",
        "Markets rose after the announcement, led by bank shares.",
    ], "en")  # fmt: skip
    record, _ = summarise_event("e", [a, b], "en", embedder, EventSettings())
    assert record is not None
    first = record["sentences"][0]
    assert first["article_ids"] == ["a", "b"]  # reported twice, said once, cited twice
    assert sum("repo rate" in s["text"] for s in record["sentences"]) == 1
