"""Knobs of the Ray batch job and the Ray Serve deployment: `Settings().ray`, read from the
environment as `SAARANSH_RAY_<NAME>`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RaySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: str | None = Field(
        None,
        description="Cluster to join, e.g. `ray://head:10001` (Ray Client) or `auto` on a "
        "cluster node. Unset: start a private local Ray instance.",
    )
    num_workers: int = Field(
        1,
        ge=1,
        description="Batch job: summariser actors, each holding one copy of the model. "
        "One per GPU is the usual choice; more than the CPUs/GPUs available just queue.",
    )
    num_gpus_per_worker: float = Field(
        0,
        ge=0,
        description="Batch job: GPUs reserved per actor. 1 = one model per GPU; 0.5 packs "
        "two small models on one GPU; 0 = CPU actors (extractive backend).",
    )
    batch_size: int = Field(
        16,
        ge=1,
        description="Batch job: documents per actor call (one batched model call). Larger "
        "batches keep a GPU busier at the cost of memory for long articles.",
    )
    num_replicas: int = Field(
        1, ge=1, description="Ray Serve: API replicas, each loading its own model copy."
    )
    num_gpus_per_replica: float = Field(
        0, ge=0, description="Ray Serve: GPUs reserved per replica (0 = CPU replica)."
    )
