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
from .settings import RaySettings

log = logging.getLogger(__name__)

APP_NAME = "saaransh"


def build_app(settings: Settings, ray_settings: RaySettings):
    """A bound Serve application, ready for `serve.run`."""
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


def deploy(
    settings: Settings | None = None,
    ray_settings: RaySettings | None = None,
    *,
    blocking: bool = False,
):
    """Start Serve's HTTP proxy on `settings.host:settings.port` and deploy the API.

    Returns the deployment handle; with `blocking=True` it serves until interrupted.
    """
    settings = settings or Settings()
    ray_settings = ray_settings or RaySettings()
    app = build_app(settings, ray_settings)
    from ray import serve

    serve.start(http_options={"host": settings.host, "port": settings.port})
    handle = serve.run(app, name=APP_NAME, route_prefix="/", blocking=False)
    log.info(
        "Saaransh on Ray Serve: http://%s:%d (%d replicas, %s GPUs each)",
        settings.host,
        settings.port,
        ray_settings.num_replicas,
        ray_settings.num_gpus_per_replica,
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
    deploy(blocking=True)
