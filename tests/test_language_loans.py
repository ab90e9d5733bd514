"""English loanwords in the Hindi word list (loans.py); labels from aligned queries (align.py)."""

import pytest

from saaransh.language import tables
from saaransh.language.align import align_labels
from saaransh.language.build import _loan_keys
from saaransh.language.loans import devanagari_key, is_loan

# CMU-style phonemes, written here by hand so the test needs no dictionary.
PHONES = {
    "post": [["P", "OW1", "S", "T"]],
    "app": [["AE1", "P"]],
    "test": [["T", "EH1", "S", "T"]],
    "doctor": [["D", "AA1", "K", "T", "ER0"]],
    "alarm": [["AH0", "L", "AA1", "R", "M"]],
    "school": [["S", "K", "UW1", "L"]],
    "pakistan": [["P", "AE1", "K", "IH0", "S", "T", "AE2", "N"]],
    "india": [["IH1", "N", "D", "IY0", "AH0"]],
    "to": [["T", "UW1"], ["T", "AH0"]],
    "me": [["M", "IY1"]],
    "men": [["M", "EH1", "N"]],
    "bat": [["B", "AE1", "T"]],
    "main": [["M", "EY1", "N"]],
    "the": [["DH", "AH0"]],
    "beta": [["B", "EY1", "T", "AH0"]],
    "banana": [["B", "AH0", "N", "AE1", "N", "AH0"]],
    "rahul": [["R", "AH0", "HH", "UW1", "L"]],
    "baton": [["B", "AH0", "T", "AA1", "N"]],
}


@pytest.mark.parametrize(
    ("english", "devanagari", "loan"),
    [
        ("post", "पोस्ट", True), ("app", "ऐप", True), ("test", "टेस्ट", True),
        ("doctor", "डॉक्टर", True), ("alarm", "अलार्म", True), ("school", "स्कूल", True),
        ("pakistan", "पाकिस्तान", True),
        # Sounds alike but too short to be more than chance (two consonants, no loan-only sound).
        ("india", "इंडिया", False),
        # Hindi words that only sound or look alike stay Hindi.
        ("to", "तो", False), ("me", "में", False), ("men", "में", False), ("bat", "बात", False),
        ("main", "मैं", False), ("the", "थे", False), ("beta", "बेटा", False),
        ("banana", "बनाना", False), ("baton", "बातों", False),
    ],
)
def test_loans_are_told_from_lookalikes(english: str, devanagari: str, loan: bool) -> None:
    assert is_loan(devanagari, PHONES[english]) is loan


def test_devanagari_key() -> None:
    assert devanagari_key("पोस्ट") == "posTx"
    assert devanagari_key("फ़ोटो") == "foTo"
    assert devanagari_key("2024") is None


def test_shipped_tables_give_no_hindi_mass_to_loan_spellings() -> None:
    words = tables.load_tables().words
    for loan in ("post", "test", "pakistan", "doctor"):
        row = words.get(loan)
        assert row is not None and row.log_en > row.log_hi, loan
    for hindi in ("to", "me", "hai", "bat"):  # a true Hindi reading keeps its mass
        row = words.get(hindi)
        assert row is not None and row.log_hi > tables.MISSING_LOG_FREQ, hindi


@pytest.mark.parametrize(
    ("devanagari", "hindi_freq", "english", "english_freq", "is_english_loan"),
    [
        # As frequent in both lists: Hindi took the word from English.
        ("पोस्ट", 1.7e-5, "post", 2.7e-5, True),
        # A Hindi name 140 times more frequent in Hindi than its spelling is in English: English
        # took it from Hindi, and "rahul" keeps its Hindi mass.
        ("राहुल", 3.2e-4, "rahul", 2.3e-6, False),
        ("पोस्ट", 3.2e-3, "post", 2.7e-5, False),
    ],
)
def test_borrowing_direction(devanagari: str, hindi_freq: float, english: str,
                             english_freq: float, is_english_loan: bool) -> None:
    keys = _loan_keys(devanagari, hindi_freq, {english: 1.0}, {english: english_freq},
                      {english: PHONES[english]})
    assert bool(keys) is is_english_loan


def test_shipped_tables_keep_indian_names_hindi() -> None:
    words = tables.load_tables().words
    for name in ("rahul", "kumar", "modi", "gandhi"):
        row = words.get(name)
        assert row is not None and row.log_hi > row.log_en, name


def _hindi_freq(word: str) -> float:
    return {"me": 1e-2, "to": 5e-3, "ko": 1e-2}.get(word, 0.0)


@pytest.mark.parametrize(
    ("hinglish", "english", "expected"),
    [
        ("timer ko set karo", "set the timer", ["en", "hi", "en", "hi"]),
        # "me" is in the English query but is also a frequent Hindi spelling: left latent.
        ("mujhe batao me", "tell me", ["hi", "hi", None]),
        # a spelling variant of an English word is English; numbers are univ
        ("shangai me 5 baje", "weather in shanghai at 5", ["en", "hi", "univ", "hi"]),
    ],
)
def test_align_labels(hinglish: str, english: str, expected: list[str | None]) -> None:
    assert [label for _, label in align_labels(hinglish, english, _hindi_freq)] == expected
