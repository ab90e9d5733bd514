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
