# ruff: noqa: F811  (pytest fixtures imported from seq2seq_fixtures are parameters here)
"""Batched generation keeps order; long articles are chunked, never cut; device/dtype choice."""

from __future__ import annotations

import pytest
import torch

from saaransh.errors import ModelUnavailable
from saaransh.summarise.base import Summary, SummaryRequest
from saaransh.summarise.registry import ModelSpec
from saaransh.summarise.seq2seq import GenItem, Seq2SeqSummariser, load_summariser
from saaransh.summarise.seq2seq.chunking import plan_chunks
from saaransh.summarise.seq2seq.device import choose_dtype
from seq2seq_fixtures import GenerateSpy, runner_for, settings, tiny_spec  # noqa: F401

HINDI = [
    "भारत ने मैच जीता।",
    "विदेश मंत्री मॉस्को पहुंचे।",
    "बारिश से सड़कें डूबीं।",
    "शेयर बाजार में तेजी रही।",
    "पुतिन से जयशंकर मिले।",
]


@pytest.mark.parametrize(
    ("lengths", "budget", "max_chunks", "expected"),
    [
        ([3, 3, 4], 10, None, [[0, 1, 2]]),  # exactly at the budget: one chunk
        ([3, 3, 5], 10, None, [[0, 1], [2]]),  # one past: split before the last sentence
        ([12, 2, 2], 10, None, [[0], [1, 2]]),  # an over-long lede stands alone (right-cut later)
        ([2, 12, 2], 10, None, [[0], [1], [2]]),
        ([5, 5, 5, 5], 5, 2, [[0], [1]]),  # bounded: later chunks dropped, never the lede
        ([], 10, None, []),
    ],
)
def test_plan_chunks(lengths, budget, max_chunks, expected):
    assert plan_chunks(lengths, budget, max_chunks) == expected


def echo_generate(model_generate_kwargs_log):
    """A fake generate: the decoder start, then the first 3 input tokens (shows which input)."""

    def generate(input_ids, attention_mask, **kwargs):
        model_generate_kwargs_log.append(kwargs)
        start = kwargs.get("decoder_start_token_id", 0)
        first = torch.full((input_ids.shape[0], 1), start)
        return torch.cat([first, input_ids[:, :3]], dim=1)

    return generate


def test_batched_results_come_back_in_request_order(runner_for, monkeypatch):
    runner = runner_for("crosssum")
    runner.generator.batch_size = 2  # several sub-batches per target group
    log: list[dict] = []
    monkeypatch.setattr(runner.generator.model, "generate", echo_generate(log))
    sentences = [HINDI[i % 5] * (1 + i % 3) for i in range(7)]  # varied lengths
    targets = ["en", "hi", "hi", "en", "hi", "en", "en"]
    requests = [
        SummaryRequest(str(i), (s,), "hi", t)
        for i, (s, t) in enumerate(zip(sentences, targets, strict=True))
    ]
    results = Seq2SeqSummariser(runner).summarise(requests)
    for request, result in zip(requests, results, strict=True):
        assert isinstance(result, Summary) and result.lang == request.target_lang
        assert result.method == "abstractive" and result.model == "tiny-crosssum"
        item = GenItem(request.sentences[0], "hi", request.target_lang)
        expected = runner.decode(runner.encode([item])[0][:3])
        assert result.text == expected
    assert len(log) == 4  # 4 "en" -> 2 calls, 3 "hi" -> 2 calls


def test_batched_equals_one_at_a_time_with_a_real_model(runner_for, monkeypatch):
    runner = runner_for("crosssum")
    spy = GenerateSpy(runner, monkeypatch)
    summariser = Seq2SeqSummariser(runner)
    requests = [SummaryRequest(str(i), (s,), "hi", "en") for i, s in enumerate(HINDI)]
    summariser.summarise(requests)
    batched = [row for call in spy.calls for row in call["output"]]
    order = [i for call in spy.calls for i in range(len(call["output"]))]
    spy.calls.clear()
    for request in requests:
        summariser.summarise([request])
    singles = [call["output"][0] for call in spy.calls]
    assert sorted(map(tuple, batched)) == sorted(map(tuple, singles)) and len(order) == 5


def test_a_failing_batch_fails_only_its_own_items(runner_for, monkeypatch):
    runner = runner_for("crosssum")
    real = runner.generator.model.generate

    def flaky(*args, **kwargs):
        if kwargs["decoder_start_token_id"] == runner.convention.lang_ids["hi"]:
            raise RuntimeError("CUDA out of memory")
        return real(*args, **kwargs)

    monkeypatch.setattr(runner.generator.model, "generate", flaky)
    requests = [
        SummaryRequest("a", (HINDI[0],), "hi", "en"),
        SummaryRequest("b", (HINDI[1],), "hi", "hi"),
    ]
    ok, failed = Seq2SeqSummariser(runner).summarise(requests)
    assert isinstance(ok, Summary) and isinstance(failed, RuntimeError)


def test_long_article_is_chunked_lede_first_then_fused(runner_for, monkeypatch):
    runner = runner_for("crosssum")  # 48-token input budget
    summariser = Seq2SeqSummariser(runner)
    summariser.max_chunks = 50
    sentences = tuple(f"{s} ({i})" for i, s in enumerate(HINDI * 4))
    request = SummaryRequest("long", sentences, "hi", "en")
    chunks = summariser.chunk(request)
    assert len(chunks) > 1
    assert chunks[0].text.startswith(sentences[0])
    joined = " ".join(c.text for c in chunks)
    assert all(s in joined for s in sentences)  # nothing cut, nothing left out
    lengths = [len(runner.tokenizer(c.text).input_ids) for c in chunks]  # untruncated
    assert max(lengths) <= runner.max_input_tokens
    spy = GenerateSpy(runner, monkeypatch)
    [result] = summariser.summarise([request])
    assert isinstance(result, Summary)
    sizes = [len(c["output"]) for c in spy.calls]  # sub-batches of 4, then the fusion pass
    assert sum(sizes[:-1]) == len(chunks) and sizes[-1] == 1


def test_token_count_matches_the_tokenizer(runner_for):
    summariser = Seq2SeqSummariser(runner_for("crosssum"))
    assert summariser.token_count(HINDI[0]) == len(
        runner_for("crosssum").tokenizer(HINDI[0]).input_ids
    )
    assert summariser.token_count(" ".join(HINDI * 20)) == summariser.max_input_tokens


def test_warmup_runs_one_full_batch(runner_for, monkeypatch):
    runner = runner_for("crosssum")
    spy = GenerateSpy(runner, monkeypatch)
    Seq2SeqSummariser(runner).warmup(batch_size=3)
    [call] = spy.calls
    assert tuple(call["input_ids"].shape) == (3, runner.max_input_tokens)


@pytest.mark.parametrize(
    ("device", "bf16", "dtype"),
    [("cuda", True, torch.bfloat16), ("cuda", False, torch.float32), ("cpu", True, torch.float32)],
)
def test_dtype_choice_never_fp16(device, bf16, dtype):
    assert choose_dtype(device, bf16) == dtype


def test_missing_weights_name_the_folder_and_the_command(settings, tmp_path):
    spec = ModelSpec(
        name="crosssum", family="crosssum", folder=tmp_path / "nowhere", hub="example/not-cached"
    )
    with pytest.raises(ModelUnavailable) as info:
        load_summariser(spec, settings)
    message = str(info.value)
    assert str(tmp_path / "nowhere") in message
    assert "saaransh download-weights crosssum" in message


def test_loaded_model_is_in_eval_mode_fp32_on_cpu(settings):
    summariser = load_summariser(tiny_spec("mt5_xlsum"), settings)
    model = summariser.runner.generator.model
    assert not model.training and next(model.parameters()).dtype == torch.float32
