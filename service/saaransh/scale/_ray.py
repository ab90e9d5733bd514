"""Importing and starting Ray, with a clear message when the extra is missing."""

from __future__ import annotations

import logging
from types import ModuleType

from ..errors import RayUnavailable

log = logging.getLogger(__name__)

INSTALL_HINT = "Ray is not installed: install the extra with `pip install 'saaransh[ray]'`"


def import_ray() -> ModuleType:
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailable(INSTALL_HINT) from exc
    return ray


def ensure_ray(address: str | None = None, *, num_cpus: int | None = None) -> ModuleType:
    """Connect to `address`, or start a private local instance, unless Ray is already up.

    A local instance runs without the dashboard and without streaming worker logs to
    the driver: neither is needed for a batch job, and the dashboard's extra
    processes cost seconds of startup on a small machine. On a cluster, worker logs
    do come back: they are how a failing remote actor explains itself.
    """
    ray = import_ray()
    if ray.is_initialized():
        return ray
    if address:
        # Joining an existing cluster: its resources are the cluster's, not ours to set.
        log.info("connecting to Ray at %s", address)
        ray.init(address=address)
    else:
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    return ray
