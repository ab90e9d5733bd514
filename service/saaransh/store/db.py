"""Engines and migrations: SQLite tuned for a single-machine service, PostgreSQL as is."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 5000
MIGRATIONS_LOCK = 0x7361612D6D6967  # pg_advisory_xact_lock key: "saa-mig" in ASCII
# A database host that drops packets would otherwise hold a connect for minutes (the
# kernel's TCP timeout), and every store call queued behind it.
CONNECT_TIMEOUT_S = 5


def unreachable(exc: BaseException) -> bool:
    """Whether `exc` means the database cannot be reached (connection refused or lost,
    pool exhausted), as opposed to a bad query or a constraint: the first is a 503."""
    if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return True
    return isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated


def describe_failure(exc: BaseException) -> str:
    """The first line of the driver's own message: "connection refused", not a traceback."""
    inner = getattr(exc, "orig", None) or exc
    lines = str(inner).strip().splitlines()
    return lines[0] if lines else type(inner).__name__


def ping(engine: Engine) -> None:
    """One round trip to the database; raises what the driver raises."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def database_problem(url: str) -> str | None:
    """Why the server database at `url` cannot be reached, in one line, or None. SQLite
    is a local file the store creates: nothing to reach, so always None."""
    if make_url(url).get_backend_name() == "sqlite":
        return None
    engine = make_engine(url)
    try:
        ping(engine)
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        return describe_failure(exc)
    finally:
        engine.dispose()
    return None


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # pre_ping: after the database comes back, stale pooled connections are replaced
        # instead of failing the first request that draws each of them.
        postgres = parsed.get_backend_name() == "postgresql"
        args = {"connect_timeout": CONNECT_TIMEOUT_S} if postgres else {}
        return create_engine(url, pool_pre_ping=True, connect_args=args)
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if in_memory:
        # One shared connection, or every new connection would see an empty database.
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        cursor = dbapi_conn.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL makes NORMAL safe against corruption; only the last commit may be lost.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def alembic_config() -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("saaransh.store") / "migrations")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Several servers starting at once on one database migrate one at a time;
            # the others then find the schema current (else: duplicate-table errors).
            connection.execute(select(func.pg_advisory_xact_lock(MIGRATIONS_LOCK)))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
