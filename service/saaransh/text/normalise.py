"""Unicode hygiene for every text that enters the pipeline: bytes -> clean, NFC, matchable str."""

from __future__ import annotations

import re
import unicodedata

from saaransh.errors import InvalidInput

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MAX_NUL_SHARE = 0.1

# C0 controls except \t and \n, DEL, and C1 controls. \r is handled before this (line ends).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone (unpaired) surrogates cannot be encoded as UTF-8; they arrive from JSON "\ud800" escapes.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Invisible format characters. In Hindi news ZWJ/ZWNJ only pick a glyph variant (half forms,
# explicit virama) and never change the word, but they split "क्‍ष" from "क्ष" for every matcher
# (dedup, ROUGE, dictionaries). Soft hyphens, BOMs, word joiners, bidi marks: scraping debris.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff]")
# Every horizontal space (NBSP, narrow NBSP, en/em spaces, ideographic space, tab) becomes " ".
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is InvalidInput.

    We refuse rather than guess a legacy code page: a wrong guess turns Hindi into mojibake
    that every later stage would silently summarise.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                f"input has a UTF-16 byte-order mark but is not valid UTF-16 "
                f"(bad bytes at offset {exc.start})"
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"input is not valid UTF-8 (bad byte at offset {exc.start}); "
            "send UTF-8, or UTF-16 with a byte-order mark"
        ) from None
    # UTF-16 without a BOM is often "valid" UTF-8 (Devanagari LE bytes are all < 0x80) made
    # of NULs and control characters; real text never has that many NULs.
    if data.count(0) > _MAX_NUL_SHARE * len(data):
        raise InvalidInput("input looks like UTF-16 without a byte-order mark; send UTF-8")
    return text


def normalise_text(s: str) -> str:
    """Return `s` NFC-normalised, free of control/invisible characters, with tidy whitespace.

    Nukta: the precomposed letters क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ (U+0958-U+095F) are Unicode composition
    exclusions, so NFC *decomposes* them to consonant + U+093C and never recomposes. We keep that
    decomposed form as canonical: it is what NFC guarantees, so both spellings of क़ compare
    equal and no meaning-bearing nukta is dropped.
    Lines are stripped, runs of spaces collapse to one, and paragraph breaks (blank lines)
    are kept but never more than one blank line in a row.
    """
    s = _SURROGATE.sub("\ufffd", s)
    s = _LINE_BREAKS.sub("\n", s)
    s = _CONTROL.sub("", s)
    # Invisible characters go before NFC so that the characters around them can compose.
    s = _INVISIBLE.sub("", s)
    s = unicodedata.normalize("NFC", s)
    s = _HSPACE.sub(" ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    return _BLANK_RUNS.sub("\n\n", s).strip("\n")


def lone_surrogate_at(text: str) -> int | None:
    """The position of the first lone surrogate in `text`, or None. No UTF-8 file, JSON
    body or database can hold one; they reach a str only through `\\ud800` escapes in
    JSON or surrogateescape decoding. The one check every door uses."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None
