"""Typed romanised forms, the CRF's decoding and training, and the shipped tables."""

import json
import random

import pytest

from saaransh.language import tables, tagger
from saaransh.language.crf import Weights, viterbi
from saaransh.language.crf_train import train
from saaransh.language.scripts import token_kind
from saaransh.language.typed import typed_forms


@pytest.mark.parametrize(
    ("devanagari", "typed"),
    [("है", "hai"), ("कर", "kr"), ("बहुत", "bht"), ("बहुत", "bahut"), ("नहीं", "nahi"),
     ("नहीं", "nhi"), ("नहीं", "nai"), ("और", "or"), ("में", "mein"), ("में", "me"),
     ("मैं", "mai"), ("रही", "rhi"), ("हूँ", "hu"), ("किया", "kia"), ("वो", "wo"),
     ("सिंह", "singh"), ("सिंह", "sinh")],
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
    weights, _ = train(chains, golds, 2)
    assert weights.emission[0] > 1.0  # the feature's sign and a sizeable weight
    assert weights.stay > 0.5  # labels persist, so staying is rewarded
    assert abs(weights.emission[1]) < 0.5  # balanced classes: little bias
    # Latent labels: hiding a third of them leaves the fit close (the CRF fills them in) ...
    hidden = [[None if k % 3 == 1 else g for k, g in enumerate(gold)] for gold in golds]
    partial, _ = train(chains, hidden, 2)
    assert partial.emission[0] > 1.0 and partial.stay > 0.5
    # ... and a chain whose labels are all latent adds nothing.
    extra, _ = train([*chains, ([(9.0, 1.0)] * 3, [False] * 3)], [*golds, [None] * 3], 2)
    assert extra.emission[0] == pytest.approx(weights.emission[0], abs=1e-3)


def test_training_matches_brute_force_likelihood() -> None:
    # On a tiny chain, L-BFGS's optimum has the gradient of the exact log-likelihood at zero:
    # checked by enumerating all 2^3 labelings.
    import itertools
    import math

    chains = [([(1.0,), (-0.5,), (2.0,)], [False, False, True])]
    golds = [[True, False, True]]
    weights, mean_ll = train(chains, golds, 1, l2=1.0)

    def log_lik(w: float, stay: float, across: float) -> float:
        def score(labels: tuple[bool, ...]) -> float:
            emit = sum(w * x[0] for x, y in zip(chains[0][0], labels, strict=True) if y)
            trans = sum((across if chains[0][1][i] else stay)
                        for i in range(1, 3) if labels[i] == labels[i - 1])
            return emit + trans
        z = math.log(sum(math.exp(score(ls)) for ls in itertools.product((False, True),
                                                                            repeat=3)))
        return score(tuple(golds[0])) - z

    params = [weights.emission[0], weights.stay, weights.stay_across]
    assert mean_ll == pytest.approx(log_lik(*params) / 3, abs=1e-6)
    for k in range(3):  # the penalised objective is flat at the optimum
        step = [p + (1e-4 if j == k else 0.0) for j, p in enumerate(params)]
        back = [p - (1e-4 if j == k else 0.0) for j, p in enumerate(params)]
        penal = [-0.5 * sum(v * v for v in q) for q in (step, back)]
        slope = (log_lik(*step) + penal[0] - log_lik(*back) - penal[1]) / 2e-4
        assert abs(slope) < 1e-3


def test_shipped_tables_load_and_say_where_they_come_from() -> None:
    loaded = tables.load_tables()
    the, nahi = loaded.words.get("the"), loaded.words.get("nahi")
    assert the and nahi and the.log_en > the.log_hi
    assert nahi.log_hi > nahi.log_en
    weights = json.loads((tables.TAGGER_DATA / tables.WEIGHTS_FILE).read_text())
    assert [f.rsplit("/", 1)[-1] for f in weights["trained_on"]["files"]] == [
        "hinglish-top-lid.tsv", "hinglish-top-train.tsv"]
    assert set(weights["emission"]) == set(tagger.FEATURES)
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
