"""The REST API as a Ray Serve deployment: the same FastAPI app, in N replicas.

Each replica builds its own app (and so loads its own model, on its own GPU when
`num_gpus_per_replica` is set) through the app's lifespan; Serve's HTTP proxy
spreads requests across replicas.

    python -m saaransh.scale.ray_serve      # settings from SAARANSH_* / SAARANSH_RAY_*
"""

from __future__ import annotations

import logging
import time

from ..settings import Settings
from ._ray import ensure_ray

log = logging.getLogger(__name__)

APP_NAME = "saaransh"


def build_app(settings: Settings):
    """A bound Serve application, ready for `serve.run` (replicas from `settings.ray`)."""
    ray_settings = settings.ray
    ensure_ray(ray_settings.address)
    from ray import serve

    # Late-bound ingress: the app is built in the replica, not pickled from here, so
    # nothing the app holds (model, batcher, DB engine) ever crosses the wire.
    @serve.deployment(
        name="SaaranshAPI",
        num_replicas=ray_settings.num_replicas,
        ray_actor_options={"num_gpus": ray_settings.num_gpus_per_replica},
        # Model loading and warm-up run in the app's lifespan, inside the health window.
        health_check_timeout_s=600,
    )
    @serve.ingress()
    class SaaranshAPI:
        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def __serve_build_asgi_app__(self):
            # The very app `saaransh serve` runs (engine and event store from settings).
            from ..api.app import app_for

            return app_for(self.settings)

    return SaaranshAPI.bind(settings)  # type: ignore[attr-defined]


def deploy(settings: Settings, *, blocking: bool = False):
    """Start Serve's HTTP proxy on `settings.host:settings.port` and deploy the API in
    `settings.ray.num_replicas` replicas.

    Returns the deployment handle; with `blocking=True` it serves until interrupted.
    """
    app = build_app(settings)
    from ray import serve

    serve.start(http_options={"host": settings.host, "port": settings.port})
    handle = serve.run(app, name=APP_NAME, route_prefix="/", blocking=False)
    log.info(
        "Saaransh on Ray Serve: http://%s:%d (%d replicas, %s GPUs each)",
        settings.host,
        settings.port,
        settings.ray.num_replicas,
        settings.ray.num_gpus_per_replica,
    )
    if blocking:
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            serve.shutdown()
    return handle


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    deploy(Settings(), blocking=True)  # the door: settings from the environment, once
