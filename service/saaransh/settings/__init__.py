"""Settings: one root object (`Settings`) with its `events` and `ray` sections."""

from .events import EventSettings
from .ray import RaySettings
from .root import Settings

__all__ = ["EventSettings", "RaySettings", "Settings"]
