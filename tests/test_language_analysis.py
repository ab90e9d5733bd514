"""Code-mixing index, switch points and document-level analysis."""

from pathlib import Path

import pytest

from saaransh.language import analyse_language, cmi, switch_points

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def counts(hi=0, en=0, hi_latn=0, univ=0, other=0) -> dict[str, int]:
    return {"hi": hi, "en": en, "hi-Latn": hi_latn, "univ": univ, "other": other}


@pytest.mark.parametrize(
    ("token_counts", "expected"),
    [
        (counts(), 0.0),  # n == u == 0
        (counts(univ=5), 0.0),  # n == u
        (counts(hi=10), 0.0),
        (counts(hi=5, en=5), 50.0),
        (counts(hi=3, hi_latn=3, en=2, univ=4), 25.0),  # hi + hi-Latn are one language
        (counts(en=6, other=2, univ=1), 25.0),
        (counts(hi=1, en=1, other=1, univ=1), 100.0 * (1 - 1 / 3)),
    ],
)
def test_cmi(token_counts: dict[str, int], expected: float) -> None:
    assert cmi(token_counts) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([], 0),
        (["hi", "hi", "univ", "hi"], 0),
        (["hi", "univ", "en", "hi"], 2),  # univ is skipped, not a language
        (["hi", "hi-Latn", "en"], 1),  # hi and hi-Latn are the same language
        (["en", "other", "en"], 2),
    ],
)
def test_switch_points(tags: list[str], expected: int) -> None:
    assert switch_points(tags) == expected


def test_seed_004_is_code_mixed_hindi() -> None:
    info = analyse_language((SEEDS / "004_06019d068f654b61.txt").read_text("utf-8"))
    assert info.primary == "hi"
    assert info.script == "Deva"
    assert info.code_mixed and info.cmi > 0
    assert info.tokens["en"] > 0 and set(info.tokens) == {"hi", "en", "hi-Latn", "univ", "other"}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_seed_is_hindi(path: Path) -> None:
    info = analyse_language(path.read_text("utf-8"))
    assert info.primary == "hi"
    assert info.script in ("Deva", "mixed")


def test_one_loan_word_is_not_code_mixing() -> None:
    sentence = "सरकार ने आज नई योजना की घोषणा की और कहा कि इससे किसानों को लाभ होगा। "
    info = analyse_language(sentence * 10 + "यह जानकारी Twitter पर दी गई।")
    assert info.tokens["en"] == 1
    assert not info.code_mixed


def test_english_paragraph() -> None:
    info = analyse_language(
        "The foreign minister met his Russian counterpart in Moscow on Tuesday. They discussed "
        "trade, energy and the war, and agreed to meet again next year."
    )
    assert (info.primary, info.script, info.code_mixed) == ("en", "Latn", False)
    assert info.tokens["hi"] == info.tokens["hi-Latn"] == 0


def test_romanised_hindi_paragraph() -> None:
    info = analyse_language(
        "Videsh mantri ne kal Moscow mein Putin se mulaqat ki. Unhone kaha ki dono desh milkar "
        "kaam karenge aur vyapar badhayenge, lekin abhi bahut kuch karna baaki hai."
    )
    assert (info.primary, info.script) == ("hi", "Latn")
    assert info.tokens["hi-Latn"] > 0.9 * (info.tokens["hi-Latn"] + info.tokens["en"])


def test_empty_text() -> None:
    info = analyse_language("")
    assert info.cmi == 0.0 and not info.code_mixed and sum(info.tokens.values()) == 0


# -- per sentence (issue 11, item 3) --------------------------------------------------------
from saaransh.language import analyse_sentences  # noqa: E402

# Through the real pipeline: (seed, primary, script, code-mixed, sentences by language).
SEED_RECORDS = [
    ("000", "hi", "Deva", False, {"hi": 25}),
    ("001", "hi", "Deva", False, {"hi": 14}),
    ("002", "hi", "Deva", False, {"hi": 22}),
    ("003", "hi", "Deva", False, {"hi": 26}),
    ("004", "hi", "Deva", True, {"hi": 22}),
]


@pytest.mark.parametrize(("seed", "primary", "script", "mixed", "counts"), SEED_RECORDS,
                         ids=[r[0] for r in SEED_RECORDS])  # fmt: skip
def test_seed_language_records(seed_articles, seed, primary, script, mixed, counts) -> None:
    article = next(a for i, a in seed_articles.items() if i.startswith(seed))
    info = article.language
    assert (info.primary, info.script, info.code_mixed) == (primary, script, mixed)
    assert info.sentence_counts == counts
    assert len(article.sentence_info) == len(article.sentences)


# (sentence, dominant language, CMI above 0): seed 004's English words inside Hindi sentences.
SENTENCES = [
    ("India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.", "hi", True),
    ("Tuesday को उन्होंने मास्को में रूसी President व्लादिमीर पुतिन से मुलाकात की.", "hi", True),
    ("इस दौरान जयशंकर ने पुतिन को शिखर सम्मेलन की तैयारियों से अवगत कराया.", "hi", False),
    ("The minister met his Russian counterpart in Moscow on Tuesday.", "en", False),
    ("Modi ne kaha ki dono desh milkar kaam karenge.", "hi", False),  # romanised Hindi
    ("12:30 - 14:45", "univ", False),
]


def test_sentence_languages_and_cmi() -> None:
    _, per_sentence = analyse_sentences([s for s, _, _ in SENTENCES])
    for (sentence, lang, mixed), (got, index) in zip(SENTENCES, per_sentence, strict=True):
        assert got == lang, sentence
        assert (index > 0) is mixed, sentence


def test_primary_follows_the_sentences_a_reader_sees_not_token_counts() -> None:
    # Four Hindi sentences thick with English nouns and two long English ones: English has
    # more tokens, but most sentences are Hindi, as a reader sees it.
    hindi = [
        "Metro Rail Corporation के Managing Director ने Wednesday को Press Conference की।",
        "Ticket Price और Monthly Pass की जानकारी Mobile App पर मिलेगी।",
        "Station पर Security Check के बाद Entry मिलेगी।",
        "पहले दिन Passengers की भारी भीड़ रही।",
    ]
    english = [
        "The new underground line links the central railway station with the university "
        "campus and the old market in just eleven minutes, officials said on Wednesday.",
        "Trains will run every six minutes during the morning and evening rush hours, and "
        "every ten minutes at other times, the corporation said in a statement.",
    ]
    info, per_sentence = analyse_sentences(hindi + english)
    assert info.tokens["en"] > info.tokens["hi"]
    assert [lang for lang, _ in per_sentence] == ["hi"] * 4 + ["en"] * 2
    assert info.primary == "hi" and info.sentence_counts == {"hi": 4, "en": 2}
    assert analyse_language(" ".join(hindi + english)).primary == "en"  # what tokens said


def test_code_mixed_fixture_has_both_languages() -> None:
    from saaransh.article import RawDocument
    from saaransh.pipeline import analyse

    body = (Path(__file__).parent / "fixtures" / "code_mixed_article.txt").read_text("utf-8")
    article = analyse(RawDocument(id="cm", body=body))
    assert article.language.primary == "hi"
    assert article.language.sentence_counts == {"hi": 8, "en": 4}
    assert article.language.script == "mixed"
