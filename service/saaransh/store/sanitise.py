"""Make text safe for every database we support before it crosses the store boundary.

PostgreSQL rejects NUL in text columns and both drivers choke on lone surrogates
(they cannot be encoded as UTF-8), so both are removed here, once, for strings
nested anywhere inside JSON values too.
"""

from __future__ import annotations

from typing import Any

from ..text.normalise import lone_surrogate_at


def clean_str(value: str) -> str:
    """Drop NUL characters and replace lone surrogates with U+FFFD."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if lone_surrogate_at(value) is not None:
        # A round trip through UTF-16 joins valid surrogate pairs and turns lone
        # halves into U+FFFD (utf-8's "replace" would write "?" instead).
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def clean_value(value: Any) -> Any:
    """`clean_str` applied to every string inside a JSON-like value (keys included)."""
    if isinstance(value, str):
        return clean_str(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    return value
