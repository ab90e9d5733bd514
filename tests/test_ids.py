"""Article ids: control characters and lone surrogates are refused (422 at the API), never
cleaned into another id; `escape_id` shows a refused id safely."""

from __future__ import annotations

import json

import pytest

from api_support import ENGLISH, make_settings, serve
from saaransh.ids import escape_id, id_problem


@pytest.mark.parametrize(
    ("value", "problem", "escaped"),
    [
        ("plain-1", None, "plain-1"),
        ("समाचार/42", None, "समाचार/42"),
        ("back\\slash", None, "back\\slash"),  # a valid id is never rewritten
        ("nul\x00id", "a control character (U+0000) at position 3", "nul\\x00id"),
        ("tab\tid", "a control character (U+0009) at position 3", "tab\\x09id"),
        ("del\x7f", "a control character (U+007F) at position 3", "del\\x7f"),
        ("nel\x85", "a control character (U+0085) at position 3", "nel\\x85"),
        ("lone\ud800", "a lone surrogate (U+D800) at position 4", "lone\\ud800"),
        ("a\\b\x01", "a control character (U+0001) at position 3", "a\\\\b\\x01"),
    ],
)
def test_id_problem_and_escape(value, problem, escaped):
    assert id_problem(value) == (problem and f"contains {problem}")
    assert escape_id(value) == escaped
    escaped.encode("utf-8")  # always writable


@pytest.mark.parametrize(
    "raw_id", ['"nul\\u0000id"', '"bell\\u0007"', '"del\\u007f"', '"lone\\ud800"', '"x\\udfff"']
)
async def test_api_refuses_bad_ids_with_422(raw_id):
    body = '{"text": ' + json.dumps(ENGLISH) + ', "id": ' + raw_id + "}"
    async with serve(make_settings()) as client:
        r = await client.post(
            "/v1/summaries", content=body.encode(), headers={"content-type": "application/json"}
        )
        batch = await client.post(
            "/v1/summaries/batch",
            content=('{"articles": [' + body + "]}").encode(),
            headers={"content-type": "application/json"},
        )
    assert r.status_code == batch.status_code == 422
    assert r.json()["error"]["message"].startswith("id: ")


async def test_nul_id_and_its_cleaned_twin_stay_two_articles():
    async with serve(make_settings()) as client:
        twin = await client.post("/v1/summaries", json={"text": ENGLISH, "id": "nulid"})
        bad = await client.post("/v1/summaries", json={"text": ENGLISH, "id": "nul\x00id"})
    assert twin.status_code == 200 and twin.json()["id"] == "nulid"
    assert bad.status_code == 422
