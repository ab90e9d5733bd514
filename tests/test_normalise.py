import unicodedata
from pathlib import Path

import pytest

from saaransh.errors import InvalidInput
from saaransh.text.normalise import decode_bytes, normalise_text

CASES = [
    ("nul and controls", "a\x00b\x07c\x1bd\x7fe\x85f\x9fg", "abcde\nfg"),
    ("tab becomes a space", "क\tख", "क ख"),
    ("nbsp and narrow nbsp", "भारत\u00a0और\u202fरूस", "भारत और रूस"),
    ("runs of spaces", "Jaishankar    met   Putin", "Jaishankar met Putin"),
    ("line ends stripped", "  पहली पंक्ति  \n  दूसरी  ", "पहली पंक्ति\nदूसरी"),
    ("crlf and cr", "a\r\nb\rc", "a\nb\nc"),
    ("paragraph break kept", "एक।\n\n\n\n\nदो।", "एक।\n\nदो।"),
    ("whitespace-only lines are blank", "एक।\n   \n\t\nदो।", "एक।\n\nदो।"),
    ("zwj zwnj zwsp bom soft hyphen", "\ufeffक्\u200dष\u200cत्र\u200b म\u00adहा", "क्षत्र महा"),
    ("bidi marks", "\u200eभारत\u200f", "भारत"),
    ("NFC composes latin", "cafe\u0301", "caf\u00e9"),
    ("lone surrogate replaced", "भारत\ud800रूस", "भारत\ufffdरूस"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("name", "raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_normalise_text(name: str, raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("raw", ["\ud800", "a\udfffb", "\udc80\ud800x"])
def test_result_is_always_utf8_encodable(raw: str) -> None:
    normalise_text(raw).encode("utf-8")  # must not raise


@pytest.mark.parametrize(
    ("decomposed", "precomposed"),
    [("\u0915\u093c", "\u0958"), ("\u095e", "\u092b\u093c"), ("\u0921\u093c", "\u095c")],
)
def test_nukta_forms_are_identical_after_normalisation(decomposed: str, precomposed: str) -> None:
    assert normalise_text(decomposed) == normalise_text(precomposed)
    # Canonical form is NFC's: consonant + U+093C (the precomposed letters are exclusions).
    assert "\u093c" in normalise_text(precomposed)


def test_nukta_is_kept_not_dropped() -> None:
    assert normalise_text("ज़रूरत") != normalise_text("जरूरत")


def test_idempotent_on_seed_text(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        once = normalise_text(path.read_text(encoding="utf-8"))
        assert normalise_text(once) == once
        assert unicodedata.is_normalized("NFC", once)


TEXT = "मास्को में जयशंकर — Jaishankar in Moscow"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8 with BOM"),
        (TEXT.encode("utf-16"), "utf-16 with BOM (native order)"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le with BOM"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be with BOM"),
    ],
)
def test_decode_bytes(data: bytes, name: str) -> None:
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize(
    "data",
    [
        "Sécurité: secret-payload".encode("latin-1"),  # legacy code page: no guessing
        TEXT.encode("utf-16-le"),  # UTF-16 without a BOM
        b"\xff\xfe\x00\xd8",  # BOM but a lone surrogate inside
    ],
)
def test_decode_bytes_rejects_without_echoing(data: bytes) -> None:
    with pytest.raises(InvalidInput) as info:
        decode_bytes(data)
    message = str(info.value)
    assert "UTF" in message  # says what to send instead
    assert "secret" not in message and "payload" not in message


@pytest.mark.parametrize(("nuls", "ok"), [(10, True), (11, False)])
def test_nul_share_boundary(nuls: int, ok: bool) -> None:
    data = b"a" * (100 - nuls) + b"\x00" * nuls  # 10% NUL is the most still accepted
    if ok:
        assert decode_bytes(data) == "a" * (100 - nuls) + "\x00" * nuls
    else:
        with pytest.raises(InvalidInput):
            decode_bytes(data)


def test_lone_surrogate_at_finds_the_first_and_passes_pairs():
    from saaransh.text.normalise import lone_surrogate_at

    assert lone_surrogate_at("भारत 😀 ok") is None  # a real pair (astral char) is fine
    assert lone_surrogate_at("ab\ud800cd\udfff") == 2
    assert lone_surrogate_at("") is None
