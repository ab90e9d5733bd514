import pytest
from rouge_score import rouge_scorer

from saaransh.eval.rouge import UnicodeTokenizer, corpus_rouge, rouge, stem_hindi

HINDI = "भारतीय विदेश मंत्री डॉ. एस. जयशंकर ने गुरुवार को रूस के राष्ट्रपति व्लादिमीर पुतिन से मुलाकात की।"
ENGLISH = "Jaishankar met Russian President Vladimir Putin in Moscow on Thursday."


def test_stock_rouge_score_gives_zero_for_identical_hindi() -> None:
    """Why this module exists: rouge_score's tokenizer deletes every non-ASCII character."""
    stock = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores = stock.score(HINDI, HINDI)
    assert all(s.fmeasure == 0.0 for s in scores.values())


@pytest.mark.parametrize(("text", "lang"), [(HINDI, "hi"), (ENGLISH, "en"), (HINDI, "en")])
def test_identical_pair_scores_one(text: str, lang: str) -> None:
    for score in rouge(text, text, lang).values():
        assert score == pytest.approx({"p": 1.0, "r": 1.0, "f": 1.0})


def test_disjoint_pair_scores_zero() -> None:
    scores = rouge("भारत और रूस", "चीन तथा जापान", "hi")
    assert all(s == {"p": 0.0, "r": 0.0, "f": 0.0} for s in scores.values())


def test_partial_overlap_hand_computed() -> None:
    # Tokens: भारत और रूस की दोस् | भारत और चीन की दोस् ("दोस्ती" loses "ती" on both sides).
    # ROUGE-1: 4 of 5 unigrams match -> 0.8; ROUGE-2: (भारत,और) and (की,दोस्) of 4 -> 0.5;
    # ROUGE-L: LCS भारत और की दोस् = 4 -> 0.8.
    scores = rouge("भारत और रूस की दोस्ती", "भारत और चीन की दोस्ती", "hi")
    assert scores["rouge1"] == pytest.approx({"p": 0.8, "r": 0.8, "f": 0.8})
    assert scores["rouge2"] == pytest.approx({"p": 0.5, "r": 0.5, "f": 0.5})
    assert scores["rougeL"] == pytest.approx({"p": 0.8, "r": 0.8, "f": 0.8})


def test_stemming_matches_inflections() -> None:
    # लड़कों/लड़के -> लड़क, खेला/खेले -> खेल; prediction has 3 tokens, reference 2, overlap 2:
    # P = 2/3, R = 1, F = 2PR/(P+R) = 0.8.
    scores = rouge("लड़कों ने खेला", "लड़के खेले", "hi")["rouge1"]
    assert scores == pytest.approx({"p": 2 / 3, "r": 1.0, "f": 0.8})


def test_precision_and_recall_are_not_swapped() -> None:
    scores = rouge("Putin", "Putin met Jaishankar", "en")["rouge1"]  # short prediction
    assert scores["p"] == 1.0 and scores["r"] == pytest.approx(1 / 3)


def test_english_uses_porter_stemming() -> None:
    assert rouge("ministers meeting", "minister meets", "en")["rouge1"]["f"] == 1.0


@pytest.mark.parametrize(
    ("text", "lang", "tokens"),
    [
        # Matras, anusvara and virama stay inside the word; punctuation splits.
        ("डॉ. एस. जयशंकर, मॉस्को में!", "other", ["डॉ", "एस", "जयशंकर", "मॉस्को", "में"]),
        ("डॉ. एस. जयशंकर, मॉस्को में!", "hi", ["डॉ", "एस", "जयशंकर", "मॉस्क", "में"]),
        ("India के विदेश मंत्री", "hi", ["india", "के", "विदेश", "मंत्र"]),
        ("क\u093cानून / क़ानून", "hi", ["क\u093cानून", "क\u093cानून"]),  # nukta forms agree
        ("Meetings in 2025", "en", ["meet", "in", "2025"]),
        ("Meetings लड़कों", "other", ["meetings", "लड़कों"]),  # unknown language: no stemming
    ],
)
def test_tokenizer(text: str, lang: str, tokens: list[str]) -> None:
    assert UnicodeTokenizer(lang).tokenize(text) == tokens


@pytest.mark.parametrize(
    ("word", "stem"),
    [("लड़कियों", "लड़क"), ("जाएंगे", "जा"), ("करेंगे", "कर"), ("की", "की"), ("ने", "ने"),
     ("भारत", "भारत")],
)
def test_stem_hindi_keeps_two_code_points(word: str, stem: str) -> None:
    assert stem_hindi(word) == stem
    assert len(stem_hindi(word)) >= 2


def test_corpus_rouge_is_mean_f() -> None:
    pairs = [(HINDI, HINDI), ("भारत और रूस", "चीन तथा जापान")]
    assert corpus_rouge(pairs, "hi") == pytest.approx({"rouge1": 0.5, "rouge2": 0.5, "rougeL": 0.5})


def test_corpus_rouge_needs_pairs() -> None:
    with pytest.raises(ValueError):
        corpus_rouge([], "hi")
