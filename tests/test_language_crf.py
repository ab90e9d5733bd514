"""Typed romanised forms, the CRF's decoding and training, and the shipped tables."""

import json
import random

import pytest

from saaransh.language import tables
from saaransh.language.crf import Weights, train, viterbi
from saaransh.language.scripts import token_kind
from saaransh.language.typed import typed_forms


@pytest.mark.parametrize(
    ("devanagari", "typed"),
    [("है", "hai"), ("कर", "kr"), ("बहुत", "bht"), ("बहुत", "bahut"), ("नहीं", "nahi"),
     ("नहीं", "nhi"), ("नहीं", "nai"), ("और", "or"), ("में", "mein"), ("में", "me"),
     ("मैं", "mai"), ("रही", "rhi"), ("हूँ", "hu"), ("किया", "kia"), ("वो", "wo")],
)
def test_typed_forms_include_chat_spellings(devanagari: str, typed: str) -> None:
    assert typed in typed_forms(devanagari)


@pytest.mark.parametrize(
    ("devanagari", "not_typed"),
    [("है", "hi"),  # vowel-less form of a one-consonant word would collide with ही
     ("चीन", "china"),  # a fully spelt schwa nobody types
     ("कौन", "ko"),  # only a nasal sign is dropped, not a न
     ("में", "my")],  # Urdu-style endings are not put on two-letter words
)
def test_typed_forms_avoid_false_collisions(devanagari: str, not_typed: str) -> None:
    assert not_typed not in typed_forms(devanagari)


def test_typed_form_weights_sum_to_one() -> None:
    assert sum(typed_forms("नहीं").values()) == pytest.approx(1.0)
    assert typed_forms("123") == {}


def test_viterbi_context_decides_only_weak_evidence() -> None:
    weights = Weights(emission=(1.0,), stay=1.0, stay_across=0.0)
    # A weak English lean (-0.5) between two Hindi words follows them; a strong one (-5) stays.
    assert viterbi([3.0, -0.5, 3.0], [False] * 3, weights) == [True, True, True]
    assert viterbi([3.0, -5.0, 3.0], [False] * 3, weights) == [True, False, True]
    # Across a sentence end there is no pull at all.
    assert viterbi([3.0, -0.5], [False, True], weights) == [True, False]


def test_training_recovers_the_generating_model() -> None:
    rng = random.Random(1)
    chains, golds = [], []
    for _ in range(150):
        labels, feats = [], []
        state = rng.random() < 0.5
        for _ in range(8):
            state = state if rng.random() < 0.8 else not state
            labels.append(state)
            feats.append((rng.gauss(1.0 if state else -1.0, 1.0), 1.0))
        chains.append((feats, [False] * 8))
        golds.append(labels)
    weights, _ = train(chains, golds, 2, steps=300)
    assert weights.emission[0] > 1.0  # the feature's sign and a sizeable weight
    assert weights.stay > 0.5  # labels persist, so staying is rewarded
    assert abs(weights.emission[1]) < 0.5  # balanced classes: little bias


def test_shipped_tables_load_and_say_where_they_come_from() -> None:
    loaded = tables.load_tables()
    the, nahi = loaded.words.get("the"), loaded.words.get("nahi")
    assert the and nahi and the.log_en > the.log_hi
    assert nahi.log_hi > nahi.log_en
    weights = json.loads((tables.TAGGER_DATA / tables.WEIGHTS_FILE).read_text())
    assert weights["trained_on"]["file"].endswith("hinglish-top-lid.tsv")
    readme = (tables.TAGGER_DATA / "README.md").read_text()
    assert "CC BY-SA 4.0" in readme and "hinglid" in readme.lower()


@pytest.mark.parametrize("text", [
    "Jaishankar ne kal Moscow mein Putin se mulaqat ki",
    "yaar the movie was good. kal to main ghar pe hi hoon!",
    "India के विदेश मंत्री ने Tuesday को social media पर लिखा",
])
def test_fast_decoding_matches_the_training_features(text: str) -> None:
    # tag_tokens adds the name and neighbour terms by hand; training uses chain_features.
    from saaransh.language import tag_tokens, tokenize
    from saaransh.language.tagger import chain_features, default_weights, latin_chains

    tokens = tokenize(text)
    weights = default_weights()
    expected = ["hi" if t in ("deva", "latn") else t for t in map(token_kind, tokens)]
    for positions, across, starts in latin_chains(tokens):
        feats = chain_features(tokens, positions, across, starts)
        scores = [sum(w * f for w, f in zip(weights.emission, x, strict=True)) for x in feats]
        for i, is_hi in zip(positions, viterbi(scores, across, weights), strict=True):
            expected[i] = "hi" if is_hi else "en"
    assert tag_tokens(tokens) == expected
