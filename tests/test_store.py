"""The store on SQLite and PostgreSQL: schema, upserts, sanitising, event queries."""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import pytest
from sqlalchemy import inspect, text

from saaransh.errors import InvalidInput
from saaransh.settings import EventSettings, Settings
from saaransh.store import EventRow, Store, clean_str, pack_vector, unpack_vector
from store_backends import BACKENDS, make_store

D = dt.date


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with make_store(request.param, tmp_path) as s:
        yield s


def _event(store: Store, id: str, first: dt.date, last: dt.date) -> None:
    with store.transaction() as s:
        s.add(EventRow(id=id, first_seen=first, last_seen=last, entities={}, summaries={},
                       unavailable={}, summary_dirty=True, version=1, article_count=0))  # fmt: skip


def test_migrate_creates_the_schema_and_is_idempotent(store):
    store.migrate()  # a second run is a no-op
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "events", "event_merges", "alembic_version"} <= tables


def test_upsert_inserts_then_updates_without_duplicates(store):
    store.upsert_article("a1", title="first", text="body", published_at=D(2025, 8, 21))
    store.upsert_article("a1", title="second", sentences=["s1", "s2"])
    row = store.get_article("a1")
    assert (row.title, row.text, row.sentences) == ("second", "body", ["s1", "s2"])
    assert row.published_at == D(2025, 8, 21)
    assert store.count_articles() == 1
    assert store.get_article("missing") is None


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("plain", "plain"),
        ("nul\x00inside", "nulinside"),
        ("lone \ud800 high", "lone \ufffd high"),
        ("lone \udfff low", "lone \ufffd low"),
        ("pair 😀 kept", "pair 😀 kept"),
        ("हिंदी\x00 पाठ", "हिंदी पाठ"),
    ],
)
def test_text_is_sanitised_at_the_boundary(store, raw, stored):
    store.upsert_article(
        "x", title=raw, text=raw, sentences=[raw], language={"note": raw},
        summaries={"en": {"text": raw}}, entities={raw: 1.0},
    )  # fmt: skip
    row = store.get_article("x")
    assert (row.title, row.text, row.sentences) == (stored, stored, [stored])
    assert row.language == {"note": stored}
    assert row.summaries == {"en": {"text": stored}}
    assert row.entities == {stored: 1.0}


@pytest.mark.parametrize("bad", ["nul\x00id", "lone\ud800", "bell\x07", "c1\x85"])
def test_ids_are_refused_not_rewritten(store, bad):
    # Cleaning "nul\x00id" into "nulid" would file two different articles as one.
    clean = bad.encode("ascii", "ignore").decode().replace("\x07", "").replace("\x00", "")
    store.upsert_article(clean, title="the clean one")
    with pytest.raises(InvalidInput, match="article id contains"):
        store.upsert_article(bad, title="the other one")
    assert store.get_article(bad) is None
    assert store.get_event(bad) is None
    assert store.get_article(clean).title == "the clean one"
    assert store.count_articles() == 1


def test_unknown_article_field_is_an_error(store):
    with pytest.raises(TypeError, match="bogus"):
        store.upsert_article("a", bogus=1)


def test_embedding_round_trips_as_float32(store):
    vector = np.linspace(-1, 1, 384, dtype=np.float32)
    store.upsert_article("v", embedding=pack_vector(vector))
    assert np.array_equal(unpack_vector(store.get_article("v").embedding), vector)


def test_list_events_is_newest_first_and_pages(store):
    _event(store, "evt_old", D(2025, 8, 1), D(2025, 8, 2))
    _event(store, "evt_new", D(2025, 9, 1), D(2025, 9, 3))
    _event(store, "evt_mid", D(2025, 8, 20), D(2025, 8, 21))
    assert [e.id for e in store.list_events(10, 0)] == ["evt_new", "evt_mid", "evt_old"]
    assert [e.id for e in store.list_events(1, 1)] == ["evt_mid"]
    assert store.list_events(10, 3) == []


def test_active_events_uses_the_window(store):
    _event(store, "evt_a", D(2025, 8, 1), D(2025, 8, 5))
    _event(store, "evt_b", D(2025, 8, 10), D(2025, 8, 12))
    assert [e.id for e in store.active_events(D(2025, 8, 5))] == ["evt_b", "evt_a"]
    assert [e.id for e in store.active_events(D(2025, 8, 6))] == ["evt_b"]
    assert [e.id for e in store.active_events(D(2025, 8, 1), until=D(2025, 8, 9))] == ["evt_a"]
    assert [e.id for e in store.active_events(D(2025, 8, 1), limit=1)] == ["evt_b"]


def test_event_members_merges_and_versioned_summaries(store):
    _event(store, "evt_keep", D(2025, 8, 1), D(2025, 8, 2))
    _event(store, "evt_drop", D(2025, 8, 2), D(2025, 8, 3))
    store.upsert_article("b", event_id="evt_drop", published_at=D(2025, 8, 3))
    store.upsert_article("a", event_id="evt_keep", published_at=D(2025, 8, 1))
    store.upsert_article("u", event_id="evt_keep")  # undated: listed last
    with store.transaction() as s:
        keep, drop = s.get(EventRow, "evt_keep"), s.get(EventRow, "evt_drop")
        store.merge_events(keep, drop, s)
    assert store.get_event("evt_drop").id == "evt_keep"  # the old id still resolves
    assert store.event_article_ids("evt_keep") == ["a", "b", "u"]
    assert store.dirty_event_ids() == ["evt_keep"]
    assert not store.save_event_summaries("evt_keep", 99, {"en": None}, {})  # stale version
    assert store.save_event_summaries("evt_keep", 1, {"en": {"text": "t\x00"}}, {})
    assert store.get_event("evt_keep").summaries == {"en": {"text": "t"}}
    assert store.dirty_event_ids() == []


def test_sqlite_pragmas(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}").migrate()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_default_url_is_a_file_under_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SAARANSH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SAARANSH_DATABASE_URL", raising=False)
    Store(Settings().resolved_database_url()).migrate().upsert_article("a", title="t")
    assert (tmp_path / "data" / "saaransh.sqlite").exists()


def test_in_memory_store_is_one_database_across_threads():
    store = Store("sqlite://").migrate()
    store.upsert_article("a", title="t")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(store.get_article("a").title))
    thread.start()
    thread.join()
    assert seen == ["t"]


def test_clean_str_leaves_valid_text_alone():
    assert clean_str("नमस्ते, world") == "नमस्ते, world"


def test_migrations_match_the_orm_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from saaransh.store.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def _downgrade(store: Store, revision: str) -> None:
    from alembic import command

    from saaransh.store.db import alembic_config

    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_migration_0002_keeps_events_made_before_it_working(store):
    from fakes_events import TopicEmbedder
    from saaransh.article import Article, LanguageInfo
    from saaransh.engine import ArticleResult
    from saaransh.events import EventService

    _downgrade(store, "0001")
    old = TopicEmbedder().embed(["topic3"])[0]
    with store.engine.begin() as conn:  # an event as revision 0001 stored it
        conn.execute(
            text("INSERT INTO events (id, first_seen, last_seen, centroid, entities, summaries,"
                 " unavailable, summary_dirty, version, article_count, created_at, updated_at)"
                 " VALUES ('evt_old', :d, :d, :c, '{}', '{}', '{}', :t, 1, 1, :now, :now)"),
            {"d": D(2025, 11, 1), "c": pack_vector(old), "t": True,
             "now": dt.datetime(2025, 11, 1, tzinfo=dt.UTC)},
        )  # fmt: skip
    store.migrate()
    columns = {c["name"] for c in inspect(store.engine).get_columns("events")}
    assert {"language_counts", "language_centroids"} <= columns
    info = LanguageInfo("en", "Latn", False, 0.0, {})
    article = Article("a", "topic3", "topic3", ["topic3"], info, D(2025, 11, 1))
    events = EventService(store, embedder=TopicEmbedder(), settings=EventSettings())
    event_id = events.ingest(ArticleResult(article, {}, {}))
    assert event_id == "evt_old"
    event = store.get_event("evt_old")
    assert event.article_count == 2 and event.language_counts == {"*": 1, "en": 1}
    _downgrade(store, "0001")  # and back: undated events get their creation day as span
    store.migrate()


def test_undated_events_sort_last_and_recent_events_come_first(store):
    _event(store, "dated", D(2025, 11, 1), D(2025, 11, 2))
    with store.transaction() as s:
        s.add(EventRow(id="undated", first_seen=None, last_seen=None, entities={},
                       summaries={}, unavailable={}, summary_dirty=True, version=1,
                       article_count=0))  # fmt: skip
    assert [e.id for e in store.list_events()] == ["dated", "undated"]
    assert [e.id for e in store.recent_events(1)] == ["undated"]
    assert [e.id for e in store.active_events(D(2025, 10, 30))] == ["dated"]

