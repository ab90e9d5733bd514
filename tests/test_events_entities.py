"""Entity keys meet across Devanagari and Latin; common words are not entities."""

from __future__ import annotations

import pytest

from saaransh.events.acronyms import devanagari_acronym, join_spelled_letters
from saaransh.events.entities import entity_key, extract_entities
from saaransh.events.matching import entity_dice, entity_overlap, keys_match

SAME = [
    ("जयशंकर", "Jaishankar"), ("पुतिन", "Putin"), ("लावरोव", "Lavrov"), ("मॉस्को", "Moscow"),
    ("मास्को", "Moscow"), ("क्रेमलिन", "Kremlin"), ("सर्गेई", "Sergei"), ("व्लादिमीर", "Vladimir"),
    ("मंटुरोव", "Manturov"), ("ट्रंप", "Trump"), ("वॉशिंगटन", "Washington"),
    ("ज़ेलेंस्की", "Zelensky"), ("यूक्रेन", "Ukraine"), ("फ़्रांस", "France"),
    ("ठाकरे", "Thackeray"), ("बेंगलुरु", "Bengaluru"), ("चंद्रयान", "Chandrayaan"),
    ("ऑस्ट्रेलिया", "Australia"), ("नारायणन", "Narayanan"), ("मल्होत्रा", "Malhotra"),
]  # fmt: skip
DIFFERENT = [
    ("पुतिन", "Modi"), ("जयशंकर", "Jakarta"), ("Andheri", "India"), ("लावरोव", "Lucknow"),
    ("Chennai", "Mumbai"), ("मॉस्को", "Mexico"),
]  # fmt: skip


@pytest.mark.parametrize(("hindi", "latin"), SAME)
def test_same_name_in_both_scripts_matches(hindi, latin):
    assert keys_match(entity_key(hindi), entity_key(latin)), (entity_key(hindi), entity_key(latin))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_do_not_match(a, b):
    assert not keys_match(entity_key(a), entity_key(b))


@pytest.mark.parametrize(
    "common", ["भारत", "सरकार", "और", "मंत्री", "बारिश", "नवंबर", "The", "President"]
)
def test_common_words_are_not_entities(common):
    assert extract_entities([f"{common} {common}"]) == {}


def test_sentence_initial_capital_needs_to_look_like_a_name():
    assert extract_entities(["Unseasonal rain lashed the city."]) == {}
    assert "sbmn" in extract_entities(["Shubman scored a century."])  # not an English word
    assert "ptn" in extract_entities(["Jaishankar met Putin."])
    assert "ptn" in extract_entities(["Vladimir Putin met him."])


@pytest.mark.parametrize(
    ("text", "key"),
    [("कीमत ₹१,२०० हुई", "#1200"), ("price 1,200 now", "#1200"), ("GDP 6.5 pc", "#6.5")],
)
def test_numbers_are_normalised_across_digit_scripts(text, key):
    assert key in extract_entities([text])


@pytest.mark.parametrize("text", ["in 2025 it rose", "it rose 5 times"])
def test_years_and_single_digits_are_not_entities(text):
    assert not any(k.startswith("#") for k in extract_entities([text]))


def test_overlap_across_scripts():
    hindi = extract_entities(["मॉस्को में राष्ट्रपति पुतिन से मिले जयशंकर"])
    english = extract_entities(["Jaishankar meets President Vladimir Putin in Moscow"])
    unrelated = extract_entities(["Shubman Gill hits century at Wankhede in Mumbai"])
    assert entity_overlap(hindi, english) >= 0.9
    assert entity_overlap(unrelated, english) == 0.0
    assert entity_overlap({}, english) == 0.0


@pytest.mark.parametrize(
    ("latin", "hindi"),
    [("BMC", "बीएमसी"), ("NDA", "एनडीए"), ("BJP", "बीजेपी"), ("CBI", "सीबीआई"), ("TDP", "टीडीपी"),
     ("WHO", "डब्ल्यूएचओ"), ("ISRO", "आईएसआरओ"), ("BMC", "बी एम सी"), ("B.M.C.", "बीएमसी")],
)  # fmt: skip
def test_acronyms_meet_their_spelled_out_devanagari(latin, hindi):
    english = extract_entities([f"Officials of the {latin} said so"])
    devanagari = extract_entities([f"अधिकारियों ने कहा कि {hindi} ने फैसला लिया"])
    assert english and devanagari
    assert entity_dice(english, devanagari) > 0, (english, devanagari)


def test_acronym_read_as_a_word_meets_through_its_sounds():
    assert entity_dice(extract_entities(["The ISRO chief spoke"]),
                       extract_entities(["इसरो प्रमुख ने कहा"])) > 0  # fmt: skip


@pytest.mark.parametrize(
    ("word", "letters"),
    [("बीएमसी", "BMC"), ("एनडीए", "NDA"), ("पीएम", "PM"), ("इसरो", None), ("जी", None),
     ("एम्स", None), ("सीटें", None)],
)  # fmt: skip
def test_devanagari_acronym(word, letters):
    assert devanagari_acronym(word) == letters


@pytest.mark.parametrize(
    ("text", "joined"),
    [("बी एम सी ने कहा", "बीएमसी ने कहा"), ("जे पी नड्डा के घर", "जेपी नड्डा के घर"),
     ("मोदी जी के साथ", "मोदी जी के साथ"), ("the B.M.C. said", "the BMC said"),
     ("S. Jaishankar said", "S. Jaishankar said"), ("I am A B", "I am A B")],
)  # fmt: skip
def test_spaced_and_dotted_acronyms_are_joined(text, joined):
    assert join_spelled_letters(text) == joined


def test_possessives_and_near_english_names():
    assert "bjp" in extract_entities(["The BJP's win"])
    assert "ptn" in extract_entities(["Vladimir Putin’s visit"])


@pytest.mark.parametrize(
    ("text", "key"),
    [("चंद्रयान 23 अगस्त को उतरा", "@08-23"), ("It landed on August 23.", "@08-23"),
     ("launched on 14th July", "@07-14"), ("बुधवार को मौत हुई", "%2"), ("on Wednesday", "%2"),
     ("रविवार", "%6")],
)  # fmt: skip
def test_days_of_the_year_and_weekdays_are_keys(text, key):
    assert key in extract_entities([text])


def test_dice_does_not_grow_with_article_length():
    short = {"ptn": 1.0, "lvrv": 1.0}
    long = {**short, **{f"#{n}": 0.5 for n in range(10, 40)}}
    assert entity_dice(short, short) == 1.0
    assert entity_dice(long, short) < entity_dice(short, short)
    assert entity_dice({}, short) == 0.0
