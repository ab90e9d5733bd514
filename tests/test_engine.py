"""Engine planning: direct, summarise-then-translate, or null with a reason."""

import pytest

from fakes import EchoSummariser, PrefixTranslator, make_article
from saaransh.engine import Engine
from saaransh.errors import Unsupported


def test_both_languages_direct_when_the_model_writes_both():
    engine = Engine(EchoSummariser())
    (result,) = engine.summarise_articles([make_article()], ["en", "hi"])
    assert result.summaries["en"].text.startswith("[en]")
    assert result.summaries["hi"].text.startswith("[hi]")
    assert result.unavailable == {}


def test_missing_language_is_null_with_a_reason_not_another_language():
    engine = Engine(EchoSummariser(same_language_only=True))
    (result,) = engine.summarise_articles([make_article(primary="hi")], ["en", "hi"])
    record = result.to_record()
    assert record["summaries"]["en"] is None
    assert "cannot write 'en'" in record["unavailable"]["en"]
    assert record["summaries"]["hi"]["text"].startswith("[hi]")


def test_summarise_then_translate_when_a_translator_is_installed():
    translator = PrefixTranslator()
    engine = Engine(EchoSummariser(same_language_only=True), translator)
    (result,) = engine.summarise_articles([make_article(primary="hi")], ["en", "hi"])
    en = result.summaries["en"]
    assert en.method == "translated"
    assert en.text.startswith("<hi->en> [hi]")
    assert en.model == "echo -> prefix-mt"
    # The Hindi summary is made once and reused as the pivot.
    assert translator.calls == [(["[hi] पहला वाक्य है।"], "hi", "en")]


def test_one_model_call_for_many_articles_in_order():
    summariser = EchoSummariser()
    engine = Engine(summariser)
    arts = [make_article(f"a{i}", sentences=(f"वाक्य {i} है।",)) for i in range(5)]
    results = engine.summarise_articles(arts, ["hi"])
    assert len(summariser.calls) == 1
    assert [r.article.id for r in results] == [f"a{i}" for i in range(5)]
    assert [r.summaries["hi"].text for r in results] == [f"[hi] वाक्य {i} है।" for i in range(5)]


def test_a_failing_item_fails_alone():
    engine = Engine(EchoSummariser(fail_on={"bad"}))
    results = engine.summarise_articles([make_article("ok"), make_article("bad")], ["hi"])
    assert results[0].summaries["hi"] is not None
    assert results[1].summaries["hi"] is None
    reason = results[1].unavailable["hi"]
    # True at both doors: no "server log" on the CLI, no internals for a client.
    assert reason == ("summarisation failed: internal error in the echo summariser; the detail "
                      "was logged as a warning with the article id")
    assert "poisoned" not in reason


def test_unsupported_source_language_is_a_typed_error():
    engine = Engine(EchoSummariser())
    with pytest.raises(Unsupported):
        engine.plan(make_article(primary="other"), ["en"])
    (result,) = engine.summarise_articles([make_article(primary="other")], ["en"])
    assert isinstance(result, Unsupported)


def _mixed_article(hi: int, en: int):
    from saaransh.article import SentenceInfo

    sentences = [f"हिंदी वाक्य {i} है।" for i in range(hi)] + [f"English line {i}." for i in range(en)]
    article = make_article("m", primary="hi", sentences=tuple(sentences))
    article.sentence_info = [SentenceInfo("hi", 0.0)] * hi + [SentenceInfo("en", 0.0)] * en
    return article


def test_code_mixed_article_is_summarised_in_both_languages_from_its_own_sentences():
    engine = Engine(EchoSummariser(same_language_only=True))
    plan = engine.plan(_mixed_article(4, 3), ["en", "hi"])
    assert plan.route["en"][0] == plan.route["hi"][0] == "direct"
    english = plan.requests[plan.route["en"][1]]
    assert english.sentences == ("English line 0.", "English line 1.", "English line 2.")
    assert english.sentence_ids == (4, 5, 6) and english.source_lang == "en"
    hindi = plan.requests[plan.route["hi"][1]]
    assert hindi.sentence_ids is None and len(hindi.sentences) == 7  # the article as it is
    (result,) = engine.summarise_articles([_mixed_article(4, 3)], ["en", "hi"])
    assert result.summaries["en"].text == "[en] English line 0."
    assert result.unavailable == {}


@pytest.mark.parametrize(("hi", "en", "both"), [(8, 2, False), (6, 2, True), (9, 1, False)])
def test_a_second_language_needs_enough_sentences(hi, en, both):
    # Two or more sentences that make up a quarter of the article; a quoted line does not.
    plan = Engine(EchoSummariser(same_language_only=True)).plan(_mixed_article(hi, en))
    assert (plan.route["en"][0] == "direct") is both


def test_nothing_to_extract_reads_as_itself():
    from saaransh.errors import NothingToExtract

    class Nothing(EchoSummariser):
        def summarise(self, requests):
            return [NothingToExtract("the article has no Hindi sentence to extract")]

    (result,) = Engine(Nothing()).summarise_articles([make_article()], ["hi"])
    assert result.unavailable["hi"] == "the article has no Hindi sentence to extract"
