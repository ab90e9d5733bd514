"""One orchestration path (`Engine.orchestrate`) for every door: the file job (and so the
Ray actors, which run the same chunk function) and the service drive the same generator."""

from __future__ import annotations

from api_support import make_settings, serve
from fake_engine import FakeEngine
from fakes import EchoSummariser, PrefixTranslator, make_article
from saaransh.article import RawDocument
from saaransh.engine import Engine, Plan, conclude
from saaransh.errors import Unsupported
from saaransh.jobs import summarise_chunk
from saaransh.summarise.base import Summary, SummaryRequest, Translation


class SpyEngine(FakeEngine):
    """Records every orchestration it runs: how many plans, and the work it yielded."""

    def __init__(self, **kw) -> None:
        super().__init__(fake_analysis=True, **kw)
        self.runs: list[tuple[int, list[int]]] = []

    def orchestrate(self, plans):
        steps = super().orchestrate(plans)
        sizes: list[int] = []
        self.runs.append((len(plans), sizes))
        work = next(steps)
        while True:
            sizes.append(len(work))
            try:
                work = steps.send((yield work))
            except StopIteration as done:
                return done.value


def test_orchestrate_yields_requests_then_translations_and_keeps_order():
    # English writes itself; Hindi is summarised in English and translated.
    engine = Engine(EchoSummariser(writes=("en",)), PrefixTranslator())
    plans: list[Plan | Exception] = [
        engine.plan(make_article("a", primary="en", sentences=("One.", "Two.")), ["en", "hi"]),
        Unsupported("not Hindi or English"),
        engine.plan(make_article("b", primary="en", sentences=("Three.",)), ["hi"]),
    ]
    steps = engine.orchestrate(plans)
    requests = next(steps)
    assert [type(r) for r in requests] == [SummaryRequest, SummaryRequest]
    assert [r.doc_id for r in requests] == ["a", "b"]
    outputs = [Summary(f"summary of {r.doc_id}", "en", "extractive", "echo") for r in requests]
    translations = steps.send(outputs)
    assert translations == [Translation("summary of a", "en", "hi"),
                            Translation("summary of b", "en", "hi")]  # fmt: skip
    results = conclude(steps, ["अ का सार", RuntimeError("translator died")])
    assert [type(r).__name__ for r in results] == ["ArticleResult", "Unsupported", "RuntimeError"]
    first = results[0]
    assert first.summaries["en"].text == "summary of a"
    assert first.summaries["hi"].text == "अ का सार" and first.summaries["hi"].method == "translated"


def test_a_failed_item_fails_only_its_language():
    engine = Engine(EchoSummariser())
    plan = engine.plan(make_article("a", primary="hi"), ["en", "hi"])
    steps = engine.orchestrate([plan])
    requests = next(steps)
    outputs = [RuntimeError("CUDA out of memory") if r.target_lang == "en" else
               Summary("सार", "hi", "extractive", "echo") for r in requests]  # fmt: skip
    assert steps.send(outputs) == []
    (result,) = conclude(steps, [])
    assert result.summaries["en"] is None and "internal error" in result.unavailable["en"]
    assert "CUDA" not in result.unavailable["en"]  # the detail goes to the log only
    assert result.summaries["hi"].text == "सार"


def test_the_file_job_runs_one_orchestration_per_chunk():
    engine = SpyEngine()
    docs = [RawDocument(id=f"d{i}", body=f"Sentence {i} is here. Another one.") for i in range(3)]
    records = summarise_chunk(engine, docs, ["en", "hi"])
    assert [r["id"] for r in records] == ["d0", "d1", "d2"]
    assert engine.runs == [(3, [6, 0])]  # 3 plans, 6 requests in one call, no translations


async def test_the_service_drives_the_same_orchestration():
    settings = make_settings()
    engine = SpyEngine(max_chars=settings.max_chars)
    body = {"articles": [{"id": f"a{i}", "text": f"Sentence {i} is here. Another one."}
                         for i in range(3)]}  # fmt: skip
    async with serve(settings, engine) as client:
        response = await client.post("/v1/summaries/batch", json=body)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == ["a0", "a1", "a2"]
    assert engine.runs == [(3, [6, 0])]


def test_summarise_articles_is_orchestrate_driven_directly():
    engine = SpyEngine()
    articles = [engine.analyse(RawDocument(id="x", body="One sentence here. And two."))]
    (result,) = engine.summarise_articles(articles, ["en"])
    assert result.summaries["en"].text.startswith("[en]")
    assert engine.runs == [(1, [1, 0])]
