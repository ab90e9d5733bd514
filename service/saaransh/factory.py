"""Build the engine a Settings object asks for: which backend, which models."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .embeddings import default_embedder
from .engine import Engine
from .errors import ModelUnavailable
from .settings import Settings

if TYPE_CHECKING:
    from .summarise.base import Summariser
    from .summarise.registry import ModelSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackendChoice:
    kind: str  # "extractive" | "seq2seq"
    spec: ModelSpec | None  # the seq2seq model, resolved once
    reason: str

    @property
    def model(self) -> str | None:
        return self.spec.name if self.spec else None


def choose_backend(settings: Settings) -> BackendChoice:
    """Resolve `--backend auto` without touching the network."""
    if settings.backend == "extractive":
        return BackendChoice("extractive", None, "requested with --backend extractive")
    from .summarise import registry

    spec = registry.resolve(settings.model, settings)
    if settings.backend == "seq2seq":
        return BackendChoice("seq2seq", spec, "requested with --backend seq2seq")
    if registry.weights_present(spec):
        return BackendChoice("seq2seq", spec, f"weights of '{spec.name}' found locally")
    return BackendChoice(
        "extractive",
        None,
        f"no local weights for '{spec.name}' (run `saaransh download-weights {spec.name}` "
        "where a network exists), so the offline extractive backend is used",
    )


def convert_ahead(settings: Settings, choice: BackendChoice) -> None:
    """With the ctranslate2 runtime, convert the chosen models once, here, before several
    model copies (Ray actors) start: they then load the cached conversion instead of each
    converting. Models whose weights this process cannot see are left to the copies."""
    if settings.runtime != "ctranslate2":
        return
    from .summarise import registry
    from .summarise.seq2seq.ct2_runtime import convert_spec

    specs = [choice.spec] if choice.kind == "seq2seq" and choice.spec else []
    if settings.translator:
        specs.append(registry.resolve(settings.translator, settings, role="translator"))
    for spec in specs:
        if registry.weights_present(spec):
            convert_spec(spec, settings)


def build_engine(settings: Settings, choice: BackendChoice | None = None) -> Engine:
    choice = choice or choose_backend(settings)
    runtime = f", runtime {settings.runtime}" if choice.kind == "seq2seq" else ""
    log.info("backend: %s (%s)%s", choice.kind, choice.reason, runtime)
    if choice.kind == "extractive":
        from .summarise.extractive import ExtractiveSummariser

        summariser: Summariser = ExtractiveSummariser(
            default_embedder(settings.embedding_cache_size),
            max_embed_chars=settings.max_embed_chars,
        )
    else:
        from .summarise.seq2seq import load_summariser

        assert choice.spec is not None
        summariser = load_summariser(choice.spec, settings)
    translator = None
    if settings.translator:
        from .summarise import registry
        from .summarise.seq2seq import load_translator

        spec = registry.resolve(settings.translator, settings)
        if not registry.weights_present(spec):
            raise ModelUnavailable(
                f"translator '{spec.name}' has no local weights; run "
                f"`saaransh download-weights {spec.name}` where a network exists"
            )
        translator = load_translator(spec, settings)
    return Engine(
        summariser,
        translator,
        summary_words=settings.summary_words,
        max_chars=settings.max_chars,
        max_sentence_chars=settings.max_sentence_chars,
        max_sentences=settings.max_sentences,
    )


def store_location(settings: Settings) -> str:
    """Where the events store lives (password hidden), and how to move it: for stderr/logs."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.resolved_database_url())
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database:
        where = f"{Path(url.database).resolve()} ({where})"
    return f"{where}; move it with SAARANSH_DATABASE_URL or SAARANSH_DATA_DIR"


def build_events(settings: Settings, engine: Engine):
    """The event store and clusterer for `settings.database_url` (SQLite file by default)."""
    from .events.service import EventService
    from .store import Store

    store = Store(settings.resolved_database_url())
    store.migrate()
    embedder = default_embedder(settings.embedding_cache_size)
    return EventService(store, embedder=embedder, summariser=engine.summariser,
                        settings=settings.events)
