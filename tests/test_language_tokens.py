"""Tokenizer and token-kind tables."""

import pytest

from saaransh.language import tokenize
from saaransh.language.scripts import token_kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("भारत के विदेश मंत्री।", ["भारत", "के", "विदेश", "मंत्री", "।"]),
        ("क़ानून ज़्यादा क्षेत्र॥", ["क़ानून", "ज़्यादा", "क्षेत्र", "॥"]),
        ("न्\u200dयूज़ आया", ["न्\u200dयूज़", "आया"]),  # ZWJ stays inside the word
        ("See https://t.co/abc12.", ["See", "https://t.co/abc12", "."]),
        ("@Modi #IndiaVsPak ok", ["@Modi", "#IndiaVsPak", "ok"]),
        ("mail a.b@c.co.in now", ["mail", "a.b@c.co.in", "now"]),
        ("1950-60 में 50% और ₹1,200", ["1950-60", "में", "50%", "और", "₹", "1,200"]),
        ("२०२४ में 9.30 बजे", ["२०२४", "में", "9.30", "बजे"]),
        ("don't stop...!!", ["don't", "stop", "...", "!!"]),
        ("2nd time", ["2nd", "time"]),
        ("bhaiya👍.", ["bhaiya", "👍", "."]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("मंत्री", "deva"),
        ("hello", "latn"),
        ("Привет", "other"),
        ("مرحبا", "other"),
        ("ভারত", "other"),
        ("।", "univ"),
        ("1950-60", "univ"),
        ("https://x.com/a", "univ"),
        ("@handle", "univ"),
        ("a.b@c.com", "univ"),
        ("😂😂", "univ"),
        ("aukat😂", "latn"),
    ],
)
def test_token_kind(token: str, kind: str) -> None:
    assert token_kind(token) == kind
