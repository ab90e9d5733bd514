"""Prometheus metrics of one app, in its own registry so tests can build many apps."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

# Batch sizes are small integers; one bucket per power of two up to the largest sane batch.
_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
_SECONDS_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class Metrics:
    """Request, queue and model metrics, registered in `self.registry`."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "saaransh_http_requests",
            "HTTP requests by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "saaransh_http_request_seconds",
            "HTTP request latency by route template.",
            ["route", "method"],
            buckets=_SECONDS_BUCKETS,
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "saaransh_queue_depth",
            "Summary requests waiting for the model.",
            ["model"],
            registry=self.registry,
        )
        self.batch_size = Histogram(
            "saaransh_batch_size",
            "Items per model call.",
            ["model"],
            buckets=_BATCH_BUCKETS,
            registry=self.registry,
        )
        self.inference_seconds = Histogram(
            "saaransh_inference_seconds",
            "Wall time of one model call (one batch).",
            ["model"],
            buckets=_SECONDS_BUCKETS,
            registry=self.registry,
        )

    def watch_queue(self, model: str, depth: Callable[[], int]) -> None:
        """Read the queue depth at scrape time rather than tracking every change."""
        self.queue_depth.labels(model).set_function(lambda: float(depth()))

    def observe_batch(self, model: str, size: int, seconds: float) -> None:
        self.batch_size.labels(model).observe(size)
        self.inference_seconds.labels(model).observe(seconds)

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route, method).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
