"""All knobs in one validated object; the CLI and the server read the same one.

Every field reads from an environment variable `SAARANSH_<NAME>`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        60.0, gt=0, description="Per-request deadline; past it the client gets 504."
    )

    # --- limits -------------------------------------------------------------
    max_body_bytes: int = Field(
        2_000_000, ge=1024, description="Largest request body accepted (413 beyond)."
    )
    max_chars: int = Field(
        200_000, ge=100, description="Hard cap on article text length (422 beyond)."
    )
    max_batch_items: int = Field(64, ge=1, description="Most articles in one batch request.")

    # --- service ------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Bind address of `saaransh serve`.")
    port: int = Field(8000, ge=1, le=65535, description="Port of `saaransh serve`.")
    api_key: str | None = Field(
        None, description="If set, every /v1 route needs `Authorization: Bearer <key>`."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Allowed CORS origins; empty = CORS off."
    )

    # --- store and events ---------------------------------------------------
    data_dir: Path = Field(Path("data"), description="Where the default SQLite store lives.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL; unset = SQLite file in data_dir. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    )

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'saaransh.sqlite').as_posix()}"
