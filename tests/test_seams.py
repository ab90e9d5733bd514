"""The typed seams between the API, the engine and the backends: what a summariser and an
events store must offer is a protocol, checked, not probed with getattr."""

from __future__ import annotations

from fake_engine import FakeSummariser
from fakes import EchoSummariser, make_article
from saaransh.api.ports import BackedEvents, Events, RefreshableEvents
from saaransh.engine import Engine, Route
from saaransh.events import EventService
from saaransh.settings import EventSettings
from saaransh.store import Store
from saaransh.summarise.base import Summariser
from saaransh.summarise.extractive import ExtractiveSummariser


class Bare:
    """Only what the old protocol asked for."""

    name = "bare"

    def can_write(self, target_lang, source_lang):
        return True

    def summarise(self, requests):
        return []


def test_a_summariser_offers_token_count_warmup_and_prefetch():
    assert not isinstance(Bare(), Summariser)
    for summariser in (ExtractiveSummariser(), FakeSummariser(), EchoSummariser()):
        assert isinstance(summariser, Summariser)
        assert summariser.token_count("three small words") == 3


def test_the_seq2seq_summariser_implements_the_protocol():
    from saaransh.summarise.seq2seq.summariser import Seq2SeqSummariser

    for method in ("token_count", "warmup", "prefetch", "summarise", "can_write"):
        assert callable(getattr(Seq2SeqSummariser, method))


def test_routes_are_typed():
    engine = Engine(EchoSummariser(writes=("en",)))
    plan = engine.plan(make_article(primary="hi"), ["en", "hi"])
    assert plan.route["en"] == Route("direct", 0)
    assert plan.route["hi"].how == "unavailable" and "cannot write 'hi'" in plan.route["hi"].reason


def test_event_service_is_every_events_port(tmp_path):
    events = EventService(Store(f"sqlite:///{tmp_path / 'e.sqlite'}").migrate(),
                          settings=EventSettings())
    assert isinstance(events, Events) and isinstance(events, RefreshableEvents)
    assert isinstance(events, BackedEvents)
    assert not isinstance(object(), Events)
