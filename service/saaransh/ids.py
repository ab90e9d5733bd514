"""Article ids from outside (a request body, a JSON Lines file): what is allowed, and how
to show one that is not.

Control characters and lone surrogates are refused rather than cleaned: a store that
quietly dropped NUL would file `nul\\x00id` as `nulid`, merging two different articles,
and a lone surrogate cannot be written as UTF-8 at all.
"""

from __future__ import annotations

import unicodedata

_REFUSED = {"Cc": "a control character", "Cs": "a lone surrogate"}


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an article id (its first bad character), or None if it can."""
    for position, char in enumerate(value):
        kind = _REFUSED.get(unicodedata.category(char))
        if kind is not None:
            return f"contains {kind} (U+{ord(char):04X}) at position {position}"
    return None


def escape_id(value: str) -> str:
    """A printable, UTF-8-safe rendering of `value`: every control character and lone
    surrogate written as a backslash escape, everything else (Devanagari too) kept. A
    valid id comes back unchanged, so only refused ids are ever rewritten."""
    if id_problem(value) is None:
        return value
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")  # so an escape in the output can only come from here
        elif unicodedata.category(char) in _REFUSED:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
