"""Alembic environment. Run through `Store.migrate()`, which hands over its own
connection (so an in-memory SQLite database is migrated in place)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from saaransh.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Plain `alembic upgrade head` from a shell: the URL comes from the ini/option.
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url, or migrate with saaransh.store.Store(url).migrate()")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; use Store.migrate()")
run_migrations_online()
