# ruff: noqa: F811  (pytest fixtures imported from seq2seq_fixtures are parameters here)
"""Each family selects the output language its own way, and says what it can write."""

from __future__ import annotations

import pytest

import tiny_models
from saaransh.errors import CannotWrite, UnknownPrompt
from saaransh.summarise.base import SummaryRequest
from saaransh.summarise.seq2seq import GenItem, Seq2SeqSummariser, Seq2SeqTranslator
from saaransh.summarise.seq2seq.prompts import available, load_prompt
from seq2seq_fixtures import GenerateSpy, runner_for, settings  # noqa: F401

PAIRS = [
    ("en", "en"),
    ("hi", "hi"),
    ("en", "hi"),
    ("hi", "en"),
    ("hi", "other"),
]  # (target, source)

CAN_WRITE = [
    ("crosssum", ("en", "hi"), [True, True, True, True, True]),
    ("mt5_xlsum", ("en", "hi"), [True, True, False, False, False]),
    ("indicbart", ("hi",), [False, True, False, False, False]),
    ("prompt", ("en", "hi"), [True, True, True, True, True]),
    # A summarisation fine-tune of mBART-50 / NLLB writes any language it has a code for.
    ("mbart50", ("en", "hi"), [True, True, True, True, False]),
    ("nllb", ("en", "hi"), [True, True, True, True, False]),
]


@pytest.mark.parametrize(("family", "languages", "expected"), CAN_WRITE)
def test_can_write_matrix(runner_for, family, languages, expected):
    summariser = Seq2SeqSummariser(runner_for(family, languages))
    assert [summariser.can_write(t, s) for t, s in PAIRS] == expected


@pytest.mark.parametrize("family", ["mbart50", "nllb"])
def test_a_translation_checkpoint_is_never_asked_to_summarise(family):
    from dataclasses import replace

    from saaransh.settings import Settings
    from saaransh.summarise.seq2seq import load_runner
    from seq2seq_fixtures import tiny_spec

    spec = replace(tiny_spec(family), role="translator")
    summariser = Seq2SeqSummariser(load_runner(spec, Settings(device="cpu")))
    assert [summariser.can_write(t, s) for t, s in PAIRS] == [False] * 5


@pytest.mark.parametrize("family", ["mbart50", "nllb", "prompt"])
def test_translators_translate_between_en_and_hi_only(runner_for, family):
    translator = Seq2SeqTranslator(runner_for(family))
    assert translator.can_translate("hi", "en") and translator.can_translate("en", "hi")
    assert not translator.can_translate("other", "en")
    assert translator.translate(["same"], "en", "en") == ["same"]  # identity step


def test_unwritable_request_is_returned_as_cannot_write(runner_for):
    summariser = Seq2SeqSummariser(runner_for("mt5_xlsum"))
    [result] = summariser.summarise([SummaryRequest("x", ("भारत जीता।",), "hi", "en")])
    assert isinstance(result, CannotWrite)


@pytest.mark.parametrize(("target", "name"), [("en", "english"), ("hi", "hindi")])
def test_crosssum_starts_the_decoder_with_the_target_langid_token(
    runner_for,
    monkeypatch,
    target,
    name,
):
    runner = runner_for("crosssum")
    token = tiny_models.CROSSSUM_LANGID_MAP[name][1]
    lang_id = runner.tokenizer.convert_tokens_to_ids(token)
    assert lang_id != runner.tokenizer.unk_token_id
    spy = GenerateSpy(runner, monkeypatch)
    Seq2SeqSummariser(runner).summarise([SummaryRequest("a", ("भारत ने मैच जीता।",), "hi", target)])
    [call] = spy.calls
    assert call["decoder_start_token_id"] == lang_id
    assert all(row[0] == lang_id for row in call["output"])


def test_crosssum_never_mixes_target_languages_in_one_generate_call(runner_for, monkeypatch):
    runner = runner_for("crosssum")
    spy = GenerateSpy(runner, monkeypatch)
    requests = [
        SummaryRequest(str(i), ("खबर है।",), "hi", t) for i, t in enumerate("en hi en hi".split())
    ]
    Seq2SeqSummariser(runner).summarise(requests)
    starts = sorted(call["decoder_start_token_id"] for call in spy.calls)
    assert len(spy.calls) == 2 and starts[0] != starts[1]
    assert all(len(call["output"]) == 2 for call in spy.calls)


def test_indicbart_tags_source_and_target(runner_for, monkeypatch):
    runner = runner_for("indicbart", ("hi",))
    tok = runner.tokenizer
    hi_tag, eos = tok.convert_tokens_to_ids("<2hi>"), tok.convert_tokens_to_ids("</s>")
    spy = GenerateSpy(runner, monkeypatch)
    Seq2SeqSummariser(runner).summarise([SummaryRequest("a", ("भारत ने मैच जीता।",), "hi", "hi")])
    [call] = spy.calls
    ids = call["input_ids"][0].tolist()
    assert ids[-2:] == [eos, hi_tag]  # "text </s> <2hi>", no [CLS]/[SEP]
    assert tok.cls_token_id not in ids and tok.sep_token_id not in ids
    assert call["decoder_start_token_id"] == hi_tag and call["eos_token_id"] == eos
    assert tok.convert_ids_to_tokens(ids[:3]) == tok.tokenize("भारत ने मैच")[:3]


def test_indicbart_tokenizer_keeps_devanagari_signs(runner_for):
    tok = runner_for("indicbart", ("hi",)).tokenizer
    text = "राष्ट्रपति पुतिन से मिले"
    assert tok.decode(tok(text, add_special_tokens=False)["input_ids"]) == text


@pytest.mark.parametrize(
    ("family", "codes"),
    [("mbart50", {"en": "en_XX", "hi": "hi_IN"}), ("nllb", {"en": "eng_Latn", "hi": "hin_Deva"})],
)
def test_translators_force_the_target_code_and_tag_the_source(
    runner_for,
    monkeypatch,
    family,
    codes,
):
    runner = runner_for(family)
    ids = {lang: runner.tokenizer.convert_tokens_to_ids(code) for lang, code in codes.items()}
    spy = GenerateSpy(runner, monkeypatch)
    Seq2SeqTranslator(runner).translate(["भारत ने मैच जीता", "नमस्ते"], "hi", "en")
    [call] = spy.calls
    assert call["forced_bos_token_id"] == ids["en"]
    assert all(row[1] == ids["en"] for row in call["output"])  # [decoder start, forced BOS, ...]
    assert ids["hi"] in call["input_ids"][0].tolist()


def test_prompt_family_fills_the_template_of_the_target_language(runner_for):
    convention = runner_for("prompt").convention
    item = GenItem("भारत ने मैच जीता।", "hi", "en", title="क्रिकेट")
    text = convention.encoder_text(item)
    assert text.startswith(load_prompt("summarise_en").split("{")[0].strip())
    assert "भारत ने मैच जीता।" in text and "क्रिकेट" in text
    translated = convention.encoder_text(GenItem("नमस्ते", "hi", "en", task="translate"))
    assert translated == "Translate to English: नमस्ते"


def test_unknown_prompt_names_the_available_ones():
    with pytest.raises(UnknownPrompt) as info:
        load_prompt("summarise_fr")
    for name in available():
        assert name in str(info.value)
    assert {"summarise_en", "summarise_hi", "translate_en", "translate_hi"} <= set(available())
