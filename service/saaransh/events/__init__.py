"""Events: cross-lingual online clustering of articles and per-event summaries."""

from ..settings import EventSettings
from .clusterer import Clusterer, Features
from .entities import entity_key, extract_entities
from .service import EventService
from .summary import summarise_event

__all__ = [
    "Clusterer",
    "EventService",
    "EventSettings",
    "Features",
    "entity_key",
    "extract_entities",
    "summarise_event",
]
