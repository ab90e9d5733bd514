"""Per-token language tags on Devanagari, English, romanised Hindi and mixed text."""

import pytest

from saaransh.language import tag_tokens, tokenize
from saaransh.language.romanise import romanise, skeleton


def tags_of(text: str) -> list[tuple[str, str]]:
    tokens = tokenize(text)
    return list(zip(tokens, tag_tokens(tokens), strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("भारत के विदेश मंत्री ने कहा।", ["hi", "hi", "hi", "hi", "hi", "hi", "univ"]),
        ("I told him to come to the meeting.", ["en"] * 8 + ["univ"]),
        ("Yaar tum kal aa rahe ho kya?", ["hi"] * 7 + ["univ"]),
        ("Main to ghar pe hoon", ["hi"] * 5),
        ("mujhe office me bahut kaam hai", ["hi", "en", "hi", "hi", "hi", "hi"]),
        ("India के विदेश मंत्री ने Tuesday को", ["en", "hi", "hi", "hi", "hi", "en", "hi"]),
        ("Привет друг 123 !", ["other", "other", "univ", "univ"]),
        ("@modi https://t.co/x #Bharat 50%", ["univ"] * 4),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [tag for _, tag in tags_of(text)] == expected


def test_shared_short_words_follow_context() -> None:
    english = dict(tags_of("I want to go to the market, is it open?"))
    hindi = dict(tags_of("kal to main ghar pe hi hoon, tum kya kar rahe ho?"))
    assert english["to"] == english["is"] == "en"
    assert hindi["to"] == hindi["main"] == hindi["hi"] == "hi"


def test_names_inside_romanised_hindi_are_english_and_do_not_flip_neighbours() -> None:
    # Both labelled sources (Hinglish-TOP's aligned queries, L3Cube-HingLID) tag names as EN.
    tagged = dict(tags_of("Jaishankar ne kal Moscow mein Putin se mulaqat ki"))
    assert tagged["Moscow"] == tagged["Putin"] == "en"
    assert {tagged[w] for w in ("ne", "kal", "mein", "se", "mulaqat", "ki")} == {"hi"}


_HINDI_FRAME = "yaar maine kal {} ke baare mein bola tha"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("the", "en"), ("we", "en"), ("day", "en"), ("india", "en"), ("tweet", "en"),
     ("pass", "en"), ("share", "en"), ("me", "hi"), ("he", "hi"),
     # a Devanagari loan (पोस्ट, टेस्ट) no longer lends its English spelling Hindi mass
     ("post", "en"), ("test", "en"),
     *[pytest.param(w, "en", marks=pytest.mark.xfail(
         strict=True, reason="known miss: a true Hindi word with the same spelling or skeleton "
         "(sir/सिर, app/आप, photo/फोटो: too short to call a loan, is/इस) outweighs it"))
       for w in ("sir", "app", "photo", "is")]],
)
def test_clear_evidence_survives_a_hindi_context(word: str, expected: str) -> None:
    tokens = tokenize(_HINDI_FRAME.format(word))
    assert dict(zip(tokens, tag_tokens(tokens), strict=True))[word] == expected


def test_seed_sentence() -> None:
    text = "विदेश मंत्री एस. जयशंकर ने Tuesday को social media पर लिखा।"
    tagged = tags_of(text)
    assert [t for t, tag in tagged if tag == "en"] == ["Tuesday", "social", "media"]
    assert tagged[-1] == ("।", "univ")


def test_empty() -> None:
    assert tag_tokens([]) == []


@pytest.mark.parametrize(
    ("devanagari", "typed"),
    [("है", "hai"), ("नहीं", "nahin"), ("अच्छा", "accha"), ("ज़्यादा", "jyada"),
     ("लड़की", "ladki"), ("मुलाक़ात", "mulakat"), ("करना", "karna"), ("में", "mein")],
)
def test_romanised_forms_meet_typed_spellings(devanagari: str, typed: str) -> None:
    assert skeleton(typed) in {skeleton(form) for form in romanise(devanagari)}


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # chat abbreviations and "hum" (chatwords.py)
        ("wo ghar pe h kya", "h", "hi"),
        ("match k baad milte hain", "k", "hi"),
        ("hum kal aayenge yaar", "hum", "hi"),
        ("humein nahi pata tha", "humein", "hi"),
        # Urdu-style "ia" for "iya" (skeleton) and words typed as one ("kar dia", "ho raha")
        ("usne kaam kia tha", "kia", "hi"),
        ("maine phone kardia hai", "kardia", "hi"),
        ("kya horaha hai bhai", "horaha", "hi"),
        # elongated English
        ("this movie is sooo good", "sooo", "en"),
        ("the weather is sooooo nice today", "sooooo", "en"),
    ],
)
def test_informal_spellings(text: str, word: str, expected: str) -> None:
    assert dict(tags_of(text))[word] == expected


@pytest.mark.parametrize(("typed", "same_as"), [("kia", "kiya"), ("chahie", "chahiye"),
                                                 ("dia", "diya"), ("apnay", "apne")])
def test_skeleton_folds_urdu_style_spellings(typed: str, same_as: str) -> None:
    assert skeleton(typed) == skeleton(same_as)


def test_informal_variants() -> None:
    from saaransh.language.romanise import informal_variants

    assert {"kia"} <= set(informal_variants("kiya"))
    assert {"apnay", "apny"} <= set(informal_variants("apne"))
    assert "wo" in informal_variants("vo")
    assert informal_variants("ghar") == []
