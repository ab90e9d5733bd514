"""The one settings object: built once at each door (CLI command, server, Ray job) and
passed down, so no module reads the environment for itself.

Every field reads from an environment variable `SAARANSH_<NAME>`; the two sections keep
their own prefixes: `events` from `SAARANSH_EVENT_<NAME>`, `ray` from `SAARANSH_RAY_<NAME>`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from .events import EventSettings
from .ray import RaySettings

# section field -> (environment prefix, its model)
SECTIONS: dict[str, tuple[str, type[BaseModel]]] = {
    "events": ("SAARANSH_EVENT_", EventSettings),
    "ray": ("SAARANSH_RAY_", RaySettings),
}


class SectionEnvSource(PydanticBaseSettingsSource):
    """`SAARANSH_EVENT_JOIN_THRESHOLD=0.7` -> `{"events": {"join_threshold": "0.7"}}`.

    pydantic-settings would name nested fields `SAARANSH_EVENTS__JOIN_THRESHOLD`; this
    keeps the names the docs and deployments already use. Names match case-insensitively,
    like the root fields'; values are validated by the section's model."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # every value comes from __call__

    def __call__(self) -> dict[str, Any]:
        env = {k.upper(): v for k, v in os.environ.items()}
        out: dict[str, Any] = {}
        for section, (prefix, model) in SECTIONS.items():
            values = {
                name: env[prefix + name.upper()]
                for name in model.model_fields
                if prefix + name.upper() in env
            }
            if values:
                out[section] = values
        return out


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SAARANSH_", extra="ignore")

    # --- models -----------------------------------------------------------
    backend: Literal["auto", "extractive", "seq2seq"] = Field(
        "auto",
        description="Summariser backend. `auto` picks seq2seq when the weights of the "
        "registry's default summariser are present locally, else extractive.",
    )
    model: str | None = Field(
        None,
        description="Seq2seq summariser: a registry name (models/registry.toml), a local "
        "folder or a hub id. Unset: the registry default.",
    )
    translator: str | None = Field(
        None,
        description="Optional translation model (registry name or folder) for "
        "summarise-then-translate when the summariser cannot write a language.",
    )
    models_dir: Path = Field(
        Path("models"), description="Where the registry file and downloaded weights live."
    )
    device: Literal["auto", "cpu", "cuda"] = Field(
        "auto", description="Torch device; `auto` = CUDA when available."
    )
    runtime: Literal["transformers", "ctranslate2"] = Field(
        "transformers",
        description="Engine that runs seq2seq checkpoints. `ctranslate2` converts the "
        "checkpoint once (cached beside the weights, see `saaransh convert`) and decodes "
        "several times faster on CPU with less memory, int8 weights included; "
        "`transformers` runs the checkpoint as published, with no conversion step. Both "
        "apply the same per-family conventions.",
    )
    compute_type: Literal[
        "auto", "int8", "int8_float32", "int8_bfloat16", "int8_float16",
        "bfloat16", "float16", "float32",
    ] = Field(
        "auto",
        description="Weights/activations type of the ctranslate2 runtime (and of its "
        "converted cache). `auto` = int8 on CPU (about 4x less memory than float32, "
        "small quality cost), int8_bfloat16 on CUDA. float32 reproduces transformers "
        "token for token; float16 types are refused for mT5-family models, which "
        "overflow them. The transformers runtime ignores it (fp32 CPU, bf16 CUDA).",
    )
    summary_words: int = Field(
        60, ge=10, le=400, description="Word budget of an extractive summary (ILSUM caps at 75)."
    )
    embedding_cache_size: int = Field(
        20_000,
        ge=0,
        description="Sentence embeddings kept in memory (LRU; ~1.5 KB each). A sentence is "
        "embedded for its article summary, for clustering and for each recomputation of its "
        "event summary; 0 turns the cache off (benchmarks on repeated text use that).",
    )
    target_langs: list[Literal["en", "hi"]] = Field(
        ["en", "hi"], description="Summary languages by default."
    )

    # --- batching (service) -------------------------------------------------
    max_batch_size: int = Field(
        16,
        ge=1,
        description="Most requests per model call. Larger batches raise GPU throughput "
        "but make every item in the batch wait for the longest one; 8-32 suits mT5-base.",
    )
    max_batch_tokens: int = Field(
        16384,
        ge=64,
        description="Token budget of one batch (sum of input lengths); caps memory "
        "for long articles when max_batch_size alone would overflow the GPU.",
    )
    max_wait_ms: float = Field(
        10.0,
        ge=0,
        description="How long the first request of a batch waits for company. "
        "Higher = fuller batches under light load, at that much added latency.",
    )
    max_queue: int = Field(
        256, ge=1, description="Queued items beyond which requests get 429 + Retry-After."
    )
    request_timeout_s: float = Field(
        60.0,
        gt=0,
        description="Per-request deadline; past it the client gets 504 and the request's "
        "work still waiting (analysis, queued model items) is dropped unstarted.",
    )
    analysis_workers: int = Field(
        2,
        ge=1,
        description="Threads that analyse request texts (cleaning, sentences, language) "
        "before the model step. Analysis is CPU-bound Python, so about the number of "
        "cores; more lets one huge article crowd out the others' analysis. Articles "
        "waiting for analysis count towards max_queue, so a flood gets 429 before it "
        "costs any CPU.",
    )

    # --- limits -------------------------------------------------------------
    max_body_bytes: int = Field(
        2_000_000, ge=1024, description="Largest request body accepted (413 beyond)."
    )
    max_chars: int = Field(
        200_000, ge=100, description="Hard cap on article text length (422 beyond)."
    )
    max_batch_items: int = Field(64, ge=1, description="Most articles in one batch request.")
    max_sentence_chars: int = Field(
        1000,
        ge=50,
        description="Longest sentence the analysis keeps whole. A longer run (unpunctuated "
        "text, 100k characters of 'a.') is cut at spaces into pieces that are never "
        "summarised, so no stage sees one giant sentence. Real news sentences stay far "
        "below it (dev set: median 102, longest 768 characters); lower cuts more long "
        "sentences out of summaries, higher lets one run-on cost more per stage.",
    )
    max_sentences: int = Field(
        400,
        ge=1,
        description="Sentences of one article that are analysed and considered for its "
        "summary; the text after them is kept but not read. News puts its point first, so "
        "this bounds the tagging and embedding of one request without losing the story "
        "(a 2,000-word report has about 100 sentences).",
    )
    max_embed_chars: int = Field(
        1000,
        ge=50,
        description="Longest text handed to the embedder at once (one sentence or one quote "
        "of several); a longer one is embedded by its first characters. e5-small reads 512 "
        "tokens, about 1,500-2,000 characters of news, so the cap costs little accuracy and "
        "bounds the embedding time of any one input.",
    )

    # --- limits below the app (uvicorn, `saaransh serve`) ----------------------
    max_header_bytes: int = Field(
        65_536,
        ge=4096,
        description="Largest request head (request line and headers) accepted; beyond it "
        "the connection gets 400 and is closed before the app sees it. Browsers and API "
        "clients send well under 8 KB; large cookies are the usual reason to raise it.",
    )
    header_timeout_s: float = Field(
        10.0,
        gt=0,
        description="Seconds a connection has to deliver a complete request head (from "
        "its start, or from the previous response); slower ones are closed. Lower frees "
        "sockets held by slow or hostile clients sooner, at the risk of cutting off very "
        "slow links.",
    )
    body_timeout_s: float = Field(
        30.0,
        gt=0,
        description="Seconds a request body has to arrive in full after its head; past "
        "it the answer is 408 and the connection is closed, so a half-sent body cannot "
        "hold a connection. 2 MB at 1 Mbit/s takes 16 s.",
    )
    keep_alive_s: int = Field(
        5, ge=1, description="Seconds an idle keep-alive connection is kept open."
    )
    max_connections: int = Field(
        512,
        ge=1,
        description="Open connections (and requests in progress) beyond which new requests "
        "get 503 from the server itself. Each open connection costs a socket and a little "
        "memory; the model queue (max_queue) sheds load long before this in normal use.",
    )

    # --- service ------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Bind address of `saaransh serve`.")
    port: int = Field(8000, ge=1, le=65535, description="Port of `saaransh serve`.")
    api_key: str | None = Field(
        None, description="If set, every /v1 route needs `Authorization: Bearer <key>`."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Allowed CORS origins; empty = CORS off."
    )
    web: bool = Field(
        True,
        description="Serve the newsroom page at / (paste an article, browse events). With "
        "api_key set, the page asks for the key once and keeps a signed session cookie.",
    )

    # --- feeds (`saaransh feeds`, and `serve` when `feeds` is set) -------------
    feeds: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="RSS/Atom feed URLs (or files) `saaransh serve` follows in the background; "
        "comma- or space-separated. Empty = no feeds.",
    )
    feed_interval_s: float = Field(
        900.0, ge=1, description="Seconds between passes over the feeds. Shorter catches "
        "news sooner but asks every outlet more often."
    )
    feed_timeout_s: float = Field(
        20.0, gt=0, description="Connect/read timeout of one feed or page request."
    )
    feed_max_bytes: int = Field(
        5_000_000, ge=1024, description="Largest feed or page downloaded; bigger ones are "
        "cut off and become an error record (news pages are well under 2 MB)."
    )
    feed_max_redirects: int = Field(5, ge=0, le=20, description="Redirects followed per fetch.")
    feed_host_delay_s: float = Field(
        2.0, ge=0, description="Least seconds between two requests to one host (a robots.txt "
        "Crawl-delay that is longer wins). Lower is faster and less polite."
    )
    feed_user_agent: str = Field(
        "Saaransh-feeds/0.1 (news summariser; robots.txt respected)",
        description="User-Agent sent with every feed, page and robots.txt request; robots.txt "
        "rules are matched against it.",
    )

    # --- store and events ---------------------------------------------------
    data_dir: Path = Field(Path("data"), description="Where the default SQLite store lives.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL; unset = SQLite file in data_dir. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    )

    # --- sections ---------------------------------------------------------------
    events: EventSettings = Field(
        default_factory=EventSettings,
        description="Event clustering and event summaries (`SAARANSH_EVENT_<NAME>`).",
    )
    ray: RaySettings = Field(
        default_factory=RaySettings,
        description="The Ray batch job and Ray Serve deployment (`SAARANSH_RAY_<NAME>`).",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Earlier sources win: values given in code, then the environment.
        return (init_settings, env_settings, SectionEnvSource(settings_cls),
                dotenv_settings, file_secret_settings)  # fmt: skip

    @field_validator("feeds", mode="before")
    @classmethod
    def _split_feeds(cls, value: object) -> object:
        if isinstance(value, str):
            return [v for v in value.replace(",", " ").split() if v]
        return value

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'saaransh.sqlite').as_posix()}"
