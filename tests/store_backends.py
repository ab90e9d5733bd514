"""Store backends for tests: a temporary SQLite file, and PostgreSQL in a throwaway schema.

PostgreSQL runs when something listens on 127.0.0.1:5432 (CI starts it); each test
gets its own schema, dropped afterwards, so parallel runs and other suites never clash.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from saaransh.store import Store

PG_URL = os.environ.get(
    "SAARANSH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def postgres_listening(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def make_store(backend: str, tmp_path: Path) -> Iterator[Store]:
    if backend == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}").migrate()
        yield store
        store.close()
        return
    with throwaway_schema("saaransh_test") as (schema, _admin):
        store = Store(f"{PG_URL}?options=-csearch_path%3D{schema}").migrate()
        try:
            yield store
        finally:
            store.close()


@contextmanager
def throwaway_schema(prefix: str) -> Iterator[tuple[str, Engine]]:
    """A new schema on the test PostgreSQL (the test skips when nothing listens) and the
    admin engine that made it; the schema is dropped afterwards."""
    if not postgres_listening():
        pytest.skip("PostgreSQL is not listening on 127.0.0.1:5432")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema, admin
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
