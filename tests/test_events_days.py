"""The day a dated report places its happening (events/state.py: happening_day)."""

from __future__ import annotations

import datetime as dt

import pytest

from saaransh.events import EventSettings
from saaransh.events.state import happening_day
from test_events import RAW, result, service

D = dt.date
MONDAY = D(2023, 11, 13)


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ({"%6": 0.3}, D(2023, 11, 12)),  # Monday's report of "Sunday": Sunday's happening
        ({"@11-12": 0.5}, D(2023, 11, 12)),  # ... or of "12 November"
        ({"%0": 0.3, "%6": 0.3}, MONDAY),  # names Monday too: Monday's happening
        ({"%6": 0.3, "@11-13": 0.5}, MONDAY),  # names Monday's date too
        ({"%4": 0.3}, MONDAY),  # Friday is no day before: background, not the happening
        ({}, MONDAY),
        ({"#41": 0.5, "aydy": 1.0}, MONDAY),
    ],
)
def test_happening_day(entities, expected) -> None:
    assert happening_day(MONDAY, entities) == expected


def test_undated_stays_undated() -> None:
    assert happening_day(None, {"%6": 0.3}) is None


def test_next_days_report_of_a_happening_joins_it_a_follow_up_does_not() -> None:
    # No grace and a steep decay: a day apart alone keeps two reports apart.
    settings = EventSettings(**RAW, join_threshold=0.5, time_grace_days=0, time_decay_days=0.5)
    svc = service(settings=settings)
    fell = ["topic1 The tunnel fell."]
    sunday = svc.ingest(result("sun", "topic1 collapse", fell, D(2023, 11, 12)))
    recalls = ["topic1 The tunnel fell on Sunday.", "topic1 Rescuers dug through the night."]
    assert svc.ingest(result("mon", "topic1 collapse", recalls, MONDAY)) == sunday
    follow_up = ["topic1 On Monday rescuers began drilling.", "topic1 It fell on Sunday."]
    assert svc.ingest(result("next", "topic1 drilling", follow_up, MONDAY)) != sunday
    assert svc.get_cluster(sunday)["last_seen"] == "2023-11-12"
