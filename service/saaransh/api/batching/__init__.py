"""Dynamic batching for the service: typed work items and their lanes (`work`), the pure
batch-selection policy (`policy`, no asyncio) and the collector that queues items and
runs one model call at a time on the model thread (`collector.Batcher`)."""

from .collector import Batcher
from .policy import BatchLimits, pick_batch
from .work import Job, Lane, Work

__all__ = ["BatchLimits", "Batcher", "Job", "Lane", "Work", "pick_batch"]
