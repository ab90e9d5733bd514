# ruff: noqa: F811  (pytest fixtures imported from seq2seq_fixtures are parameters here)
"""transformers and ctranslate2 under one convention layer: the same tokens in greedy
float32, the target language chosen the same way, batches in the engine's own terms."""

from __future__ import annotations

import threading

import pytest
from transformers import AutoTokenizer

import tiny_models
from saaransh.settings import Settings
from saaransh.summarise.base import Summary, SummaryRequest
from saaransh.summarise.seq2seq import (
    GenItem,
    Seq2SeqSummariser,
    Seq2SeqTranslator,
    load_runner,
)
from seq2seq_fixtures import runner_for, tiny_root, tiny_spec  # noqa: F401

pytest.importorskip("ctranslate2")

TEXTS = [
    "भारत ने मैच जीता। विदेश मंत्री मॉस्को पहुंचे।",
    "The foreign minister met the president in Moscow on Thursday.",
    "बारिश से सड़कें डूबीं।",
    "शेयर बाजार में तेजी रही और तेल के दाम बढ़े।",
]
# (family, languages it writes, source language of the inputs; None = the target's own)
FAMILIES = [
    ("crosssum", ("en", "hi"), "hi"),
    ("mt5_xlsum", ("en", "hi"), None),
    ("prompt", ("en", "hi"), "hi"),
    ("nllb", ("en", "hi"), "hi"),  # forced BOS = a two-token target prefix
    ("mbart50", ("en", "hi"), "hi"),  # ... and transformers' forced EOS at the length cap
    ("indicbart", ("hi",), None),  # <2xx> tags and </s> as the end token
]


class TranslatorSpy:
    """Stands in for a ctranslate2.Translator: records each translate_batch call."""

    def __init__(self, real) -> None:
        self.real, self.calls = real, []

    def translate_batch(self, source, **kwargs):
        self.calls.append({"source": source, **kwargs})
        return self.real.translate_batch(source, **kwargs)


def spy_on(runner, monkeypatch) -> TranslatorSpy:
    spy = TranslatorSpy(runner.generator.translator)
    monkeypatch.setattr(runner.generator, "translator", spy)
    return spy


@pytest.mark.parametrize(("family", "languages", "source"), FAMILIES)
def test_greedy_float32_gives_the_same_tokens_under_both_runtimes(
    runner_for, family, languages, source
):
    hf = runner_for(family, languages)
    ct2 = runner_for(family, languages, runtime="ctranslate2")
    assert (hf.runtime, ct2.runtime) == ("transformers", "ctranslate2")
    seen = set()
    for target in languages:
        items = [GenItem(text, source or target, target) for text in TEXTS]
        ids = hf.encode(items)
        assert ct2.encode(items) == ids
        start = hf.convention.decoder_start(target)
        expected = hf.generator.generate(ids, start)
        assert ct2.generator.generate(ids, start) == expected
        assert hf.generate(items) == ct2.generate(items)  # decoded text too
        seen.update(map(tuple, expected))
    assert len(seen) > 1  # outputs depend on the input: the comparison compares something


@pytest.mark.parametrize("family", ["crosssum", "nllb"])
def test_beam_search_gives_the_same_tokens_under_both_runtimes(family):
    # mT5 needs the converter told that it does not scale decoder outputs (transformers 5
    # marks every T5 config as tied): without that its beams differ, greedy does not.
    spec = tiny_spec(family, num_beams=4, length_penalty=0.6, max_new_tokens=8)
    runners = [
        load_runner(spec, Settings(device="cpu", runtime=runtime, compute_type="float32"))
        for runtime in ("transformers", "ctranslate2")
    ]
    items = [GenItem(text, "hi", "en") for text in TEXTS]
    start = runners[0].convention.decoder_start("en")
    hf, ct2 = (runner.generator.generate(runner.encode(items), start) for runner in runners)
    assert hf == ct2 and len(set(map(tuple, hf))) > 1


@pytest.mark.parametrize(("target", "name"), [("en", "english"), ("hi", "hindi")])
def test_crosssum_writes_the_langid_map_language_under_both_runtimes(
    runner_for, monkeypatch, target, name
):
    token = tiny_models.CROSSSUM_LANGID_MAP[name][1]
    ct2 = runner_for("crosssum", runtime="ctranslate2")
    hf = runner_for("crosssum")
    spy = spy_on(ct2, monkeypatch)
    requests = [SummaryRequest(str(i), (t,), "hi", target) for i, t in enumerate(TEXTS)]
    ct2_summaries = Seq2SeqSummariser(ct2).summarise(requests)
    [call] = spy.calls
    # No decoder start token in the converted model: the langid token starts the decoder.
    assert call["target_prefix"] == [[token]] * len(TEXTS)
    hf_summaries = Seq2SeqSummariser(hf).summarise(requests)
    assert all(isinstance(s, Summary) and s.lang == target for s in ct2_summaries)
    assert [s.text for s in ct2_summaries] == [s.text for s in hf_summaries]


def test_crosssum_target_language_changes_the_output(runner_for):
    ct2 = runner_for("crosssum", runtime="ctranslate2")
    en, hi = (ct2.generate([GenItem(t, "hi", lang) for t in TEXTS]) for lang in ("en", "hi"))
    assert en != hi


def test_ctranslate2_batches_by_tokens_in_one_engine_call(runner_for, monkeypatch):
    runner = runner_for("crosssum", runtime="ctranslate2")
    spy = spy_on(runner, monkeypatch)
    items = [GenItem(t * (1 + i % 3), "hi", "en") for i, t in enumerate(TEXTS * 3)]
    outputs = runner.generate(items)
    [call] = spy.calls  # ctranslate2 sorts by length and cuts the batches itself
    assert call["batch_type"] == "tokens"
    assert call["max_batch_size"] == runner.generator.batch_tokens
    assert (call["beam_size"], call["max_decoding_length"]) == (1, 4)
    singles = [runner.generate([item])[0] for item in items]
    assert outputs == singles  # order restored, batching changes nothing


@pytest.mark.parametrize("runtime", ["transformers", "ctranslate2"])
def test_translation_is_one_batched_call(runner_for, monkeypatch, runtime):
    runner = runner_for("nllb", runtime=runtime)
    calls: list[int] = []
    real = runner.generator.generate

    def counting(ids, start):
        calls.append(len(ids))
        return real(ids, start)

    monkeypatch.setattr(runner.generator, "generate", counting)
    out = Seq2SeqTranslator(runner).translate(TEXTS, "hi", "en")
    assert len(out) == len(TEXTS) and calls == [len(TEXTS)]


@pytest.mark.parametrize(
    ("family", "codes"),
    [("nllb", {"en": "eng_Latn", "hi": "hin_Deva"}), ("mbart50", {"en": "en_XX", "hi": "hi_IN"})],
)
def test_source_code_is_passed_per_call_never_set_on_the_shared_tokenizer(
    runner_for, family, codes
):
    runner = runner_for(family)
    tokenizer = runner.tokenizer
    before = tokenizer.src_lang
    results: dict[str, list] = {"en": [], "hi": []}

    def encode(lang: str) -> None:
        for _ in range(20):
            results[lang].append(runner.encode([GenItem(TEXTS[0], lang, "en")])[0])

    threads = [threading.Thread(target=encode, args=(lang,)) for lang in ("en", "hi") * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert tokenizer.src_lang == before  # the shared tokenizer was never touched
    for lang, code in codes.items():
        # What the tokenizer writes when loaded for that source language alone.
        own = AutoTokenizer.from_pretrained(tiny_root() / family, src_lang=code)
        expected = own(TEXTS[0], truncation=True, max_length=runner.max_input_tokens)
        assert expected["input_ids"][0] == tokenizer.convert_tokens_to_ids(code)
        assert all(ids == expected["input_ids"] for ids in results[lang])
