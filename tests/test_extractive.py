"""The extractive backend reads like an editor's extract: lede first, no repeats, no
fragments, quotes whole, tiny articles as they are, code-mixed articles in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes import WordEmbedder
from saaransh.article import RawDocument
from saaransh.engine import Engine
from saaransh.errors import NothingToExtract
from saaransh.summarise.base import SummaryRequest
from saaransh.summarise.discourse import leans_on_previous
from saaransh.summarise.extractive import ExtractiveSummariser

FIXTURES = Path(__file__).parent / "fixtures"


def summarise(body: str, langs=("en", "hi"), title=None, embedder=None, **engine_kw):
    engine = Engine(ExtractiveSummariser(embedder or WordEmbedder()), **engine_kw)
    article = engine.analyse(RawDocument(id="t", body=body, title=title))
    (result,) = engine.summarise_articles([article], list(langs))
    return article, result


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("भारत ने मैच जीता।", "hi"),  # three words: below the usual minimum, still the summary
        ("सरकार ने आज नई शिक्षा नीति की घोषणा की और कहा कि इससे छात्रों को लाभ होगा।", "hi"),
        ("The council approved the new budget on Monday.", "en"),
        ("The council approved the budget. It takes effect in April.", "en"),  # two sentences
    ],
)
def test_a_one_or_two_sentence_article_is_its_own_summary(body: str, lang: str) -> None:
    article, result = summarise(body, [lang])
    summary = result.summaries[lang]
    assert summary is not None and summary.text == " ".join(article.sentences) == body
    assert result.unavailable == {}


def test_code_mixed_article_gets_both_summaries_each_from_its_own_sentences() -> None:
    body = (FIXTURES / "code_mixed_article.txt").read_text(encoding="utf-8")
    article, result = summarise(body)
    assert article.language.primary == "hi"
    for lang in ("hi", "en"):
        summary = result.summaries[lang]
        assert summary is not None, result.unavailable
        assert summary.method == "extractive" and "script" not in summary.extra
        picked = summary.source_sentence_ids
        assert summary.text == " ".join(article.sentences[i] for i in picked)
        assert all(article.sentence_info[i].lang == lang for i in picked)
        assert all(article.sentences[i] in body for i in picked)  # verbatim
    # Lede first: each summary opens with the first sentence of its language.
    first = {lang: next(i for i, s in enumerate(article.sentence_info) if s.lang == lang)
             for lang in ("hi", "en")}  # fmt: skip
    assert result.summaries["hi"].source_sentence_ids[0] == first["hi"]
    assert result.summaries["en"].source_sentence_ids[0] == first["en"]
    assert not result.summaries["hi"].text.startswith("पुणे")  # the dateline is cut


def test_romanised_hindi_summary_says_latn() -> None:
    body = (FIXTURES / "romanised_hindi.txt").read_text(encoding="utf-8")
    article, result = summarise(body, ["hi"])
    assert (article.language.primary, article.language.script) == ("hi", "Latn")
    assert result.summaries["hi"].extra == {"script": "Latn"}


QUOTED = (
    "शहर में आज नई मेट्रो लाइन यात्रियों के लिए खोल दी गई।\n\n"
    'मेट्रो प्रमुख ने कहा, "नई मेट्रो लाइन से रोज एक लाख यात्री सफर करेंगे। '
    'अगले साल दो और मेट्रो लाइनें खुलेंगी।"\n\n'
    "स्टेशनों पर सुबह से ही भीड़ रही और टिकट खिड़कियों पर कतारें लगी रहीं।"
)


@pytest.mark.parametrize("budget", [12, 20, 40, 60])
def test_a_quote_is_taken_whole_or_not_at_all(budget: int) -> None:
    article, result = summarise(QUOTED, ["hi"], summary_words=budget)
    picked = set(result.summaries["hi"].source_sentence_ids)
    assert picked
    assert ({1, 2} <= picked) or not ({1, 2} & picked)


def test_nothing_to_extract_is_a_plain_reason() -> None:
    request = SummaryRequest("x", ("भारत ने आज मैच जीता और ट्रॉफी उठाई।", "दूसरा वाक्य भी हिंदी में है।"),
                             "hi", "en")  # fmt: skip
    (out,) = ExtractiveSummariser(WordEmbedder()).summarise([request])
    assert isinstance(out, NothingToExtract) and "no English sentence" in str(out)


@pytest.mark.parametrize("body", ["a." * 50_000, "क" * 5000 + " " + "ख " * 3000])
def test_no_embedding_input_is_longer_than_the_cap(body: str) -> None:
    embedder = WordEmbedder()
    _, result = summarise(body, ["en", "hi"], embedder=embedder, max_sentence_chars=1000)
    assert all(len(text) <= 1000 for text in embedder.seen)
    assert all(result.unavailable.get(lang) or result.summaries[lang] for lang in ("en", "hi"))


def test_a_run_on_text_is_refused_with_the_reason() -> None:
    body = " ".join(["सरकार ने आज नई योजना की घोषणा की और कहा कि इससे किसानों को लाभ होगा"] * 200)
    _, result = summarise(body, ["hi"], max_sentence_chars=500)
    assert result.summaries["hi"] is None
    assert "runs on without sentence ends" in result.unavailable["hi"]


# -- the seeds, with the real embedder -----------------------------------------------------


@pytest.fixture(scope="module")
def seed_summaries(seed_articles):
    from saaransh.embeddings import default_embedder

    engine = Engine(ExtractiveSummariser(default_embedder()))
    results = engine.summarise_articles(list(seed_articles.values()), ["hi"])
    return {r.article.id[:3]: r for r in results}


@pytest.mark.parametrize(
    ("seed", "opening"),
    [
        ("001", "भारत के विदेश मंत्री डॉ. एस जयशंकर ने गुरुवार को"),  # not "मास्को, 22 अगस्त (..."
        ("002", "केंद्रीय विदेश मंत्री एस. जयशंकर ने गुरुवार को"),  # not "Jaishankar meets ...:"
        ("004", "India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं."),  # not "मास्को, 18 नवंबर ."
        ("000", "भारतीय विदेश मंत्री डॉ. एस. जयशंकर ने गुरुवार को"),
    ],
)
def test_seed_summaries_open_with_the_lede_without_furniture(seed_summaries, seed, opening):
    assert seed_summaries[seed].summaries["hi"].text.startswith(opening)


def test_seed_004_says_the_summit_preparations_once(seed_summaries):
    text = seed_summaries["004"].summaries["hi"].text
    assert text.count("शिखर सम्मेलन की तैयारियों से अवगत कराया") == 1


def test_seed_003_carries_the_headline_point(seed_summaries):
    # Headline: the Kremlin has started preparing Putin's visit.
    assert "तैयारी" in seed_summaries["003"].summaries["hi"].text


def test_no_summary_sentence_leans_on_a_sentence_left_out(seed_summaries):
    for result in seed_summaries.values():
        picked = result.summaries["hi"].source_sentence_ids
        sentences = result.article.sentences
        assert not leans_on_previous(sentences[picked[0]])
        for i in picked[1:]:
            assert not leans_on_previous(sentences[i]) or i - 1 in picked, sentences[i]
