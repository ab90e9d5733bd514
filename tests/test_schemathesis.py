"""Property-based run over the OpenAPI schema (schemathesis, in-process ASGI): no input
gives a server error, and every status the API answers is one the schema documents."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from api_support import fake_engine, make_settings
from saaransh.api import create_app

_settings = make_settings(max_chars=2000, max_body_bytes=64_000, max_batch_items=4)
app = create_app(_settings, fake_engine(_settings))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
# Both valid and schema-violating inputs: the invalid ones must give documented 4xx.
schema.config.generation.update(modes=["positive", "negative"], deterministic=True)


@pytest.fixture(scope="module", autouse=True)
def _stop_lifespan():
    yield
    asgi.shutdown_lifespans()  # schemathesis started the app's lifespan; stop its batcher


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
