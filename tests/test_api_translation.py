# ruff: noqa: F811  (pytest fixtures imported from seq2seq_fixtures are parameters here)
"""Summarise-then-translate in the server: translations are work items in the batcher
(batched, on the model thread), and with a tiny mBART-50 translator under concurrent
requests in both directions every output is in the language it was asked for."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from api_support import ENGLISH, HINDI, make_settings, serve
from fake_engine import FakeEngine
from fakes import EchoSummariser, PrefixTranslator
from saaransh.summarise.seq2seq.translator import Seq2SeqTranslator
from seq2seq_fixtures import GenerateSpy, runner_for  # noqa: F401


class ThreadRecordingTranslator(PrefixTranslator):
    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def translate(self, texts, source_lang, target_lang):
        self.threads.append(threading.current_thread().name)
        return super().translate(texts, source_lang, target_lang)


async def test_translations_of_a_request_share_one_model_call_on_the_model_thread():
    translator = ThreadRecordingTranslator()
    # The summariser writes only an article's own language: the other is translated.
    engine = FakeEngine(summariser=EchoSummariser(same_language_only=True),
                        translator=translator, fake_analysis=True)  # fmt: skip
    async with serve(make_settings(max_wait_ms=20.0), engine) as client:
        r = await client.post("/v1/summaries/batch", json={"articles": [
            {"id": "a1", "text": HINDI}, {"id": "a2", "text": HINDI + " दूसरी खबर।"}]})  # fmt: skip
    records = r.json()["results"]
    assert [rec["summaries"]["en"]["method"] for rec in records] == ["translated"] * 2
    assert all(rec["summaries"]["en"]["text"].startswith("<hi->en> [hi] ") for rec in records)
    assert [len(texts) for texts, _, _ in translator.calls] == [2]  # one call, both texts
    assert translator.threads == ["saaransh-echo_0"]


async def test_concurrent_requests_in_both_directions_get_their_own_languages(
    runner_for, monkeypatch
):
    runner = runner_for("mbart50")
    translator = Seq2SeqTranslator(runner)
    codes = {lang: runner.tokenizer.convert_tokens_to_ids(code)
             for lang, code in {"en": "en_XX", "hi": "hi_IN"}.items()}  # fmt: skip
    spy = GenerateSpy(runner, monkeypatch)
    engine = FakeEngine(summariser=EchoSummariser(same_language_only=True),
                        translator=translator, fake_analysis=True)  # fmt: skip
    articles = [(f"hi{i}", f"{HINDI} खबर {i}।") if i % 2 else (f"en{i}", f"{ENGLISH} Story {i}.")
                for i in range(12)]  # fmt: skip
    async with serve(make_settings(max_wait_ms=20.0, max_batch_size=4), engine) as client:
        responses = await asyncio.gather(*(
            client.post("/v1/summaries", json={"id": i, "text": text}) for i, text in articles
        ))  # fmt: skip
    records = {r.json()["id"]: r.json() for r in responses}
    for article_id, _ in articles:
        own, other = ("hi", "en") if article_id.startswith("hi") else ("en", "hi")
        summaries = records[article_id]["summaries"]
        assert summaries[own]["method"] == "abstractive"  # written directly
        made = summaries[other]
        assert made["method"] == "translated" and made["model"] == "echo -> tiny-mbart50"
        # The same text translated alone, in this thread, in the asked direction.
        (alone,) = translator.translate([summaries[own]["text"]], own, other)
        assert made["text"] == alone
    # Every generate call forced one target code and fed only sources of the other.
    served = spy.calls[: len(spy.calls) - len(articles)]
    assert {c["forced_bos_token_id"] for c in served} == set(codes.values())
    for call in served:
        target = next(lang for lang, code in codes.items() if code == call["forced_bos_token_id"])
        source = "hi" if target == "en" else "en"
        assert all(row[1] == codes[target] for row in call["output"])
        assert all(codes[source] in row.tolist() and codes[target] not in row.tolist()
                   for row in call["input_ids"])  # fmt: skip


def test_threads_translating_both_ways_at_once_never_cross(runner_for):
    # The convention keeps no per-call state: a tokenizer per source language.
    translator = Seq2SeqTranslator(runner_for("mbart50"))
    jobs = [([f"{HINDI} {i}"], "hi", "en") if i % 2 else ([f"{ENGLISH} {i}"], "en", "hi")
            for i in range(16)]  # fmt: skip
    alone = [translator.translate(*job) for job in jobs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda job: translator.translate(*job), jobs))
    assert together == alone
