"""Sentences that lean on their predecessor, and quotes that travel whole."""

import pytest

from saaransh.summarise.discourse import Unit, is_complete, leans_on_previous, open_quotes, units

# (sentence, leans on the one before it). Hindi ones are from seed 004 and seed 001.
LEANS = [
    ("उन्हें आगामी वार्षिक भारत-रूस शिखर सम्मेलन की तैयारियों से अवगत कराया.", True),  # pronoun
    ("इस दौरान क्षेत्रीय, वैश्विक और बहुपक्षीय मुद्दों पर विचारों का आदान-प्रदान किया.", True),
    ("Tuesday को उन्होंने मास्को में रूसी President व्लादिमीर पुतिन से मुलाकात की.", True),
    ("Prime Minister Narendra Modi का अभिवादन पहुंचाया.", True),  # perfective, subject dropped
    ("क्षेत्रीय और वैश्विक घटनाक्रमों पर भी चर्चा की.", True),
    ("हमारे संबंधों को और आगे बढ़ाने के लिए उनके दृष्टिकोण की मैं तहे दिल से सराहना करता हूं.", True),
    ("बता दें कि इससे पहले विदेश मंत्री ने लावरोव से बातचीत की थी।", True),  # reminder + opener
    ("हाल ही में चीन में हुए एससीओ सम्मेलन में भी यह दिखा।", True),  # seed 003: "this" what?
    ("He also congratulated the team for the unprecedented feat.", True),
    ("However, the talks ended without an agreement on trade.", True),
    ("and then the minister left for the airport.", True),  # starts mid-sentence
    ("भारत के विदेश मंत्री डॉ. एस जयशंकर ने गुरुवार को पुतिन से अहम मुलाकात की.", False),
    ("इस बैठक की घोषणा रूसी विदेश मंत्रालय ने शुक्रवार को की.", True),  # "इस बैठक": which one?
    ("बैठक में कई अहम मुद्दों पर चर्चा की गई.", False),  # passive: no subject expected
    ("लावरोव ने कहा कि हमें आज की बातचीत से कई सकारात्मक परिणाम मिलेंगे.", False),  # framed
    ("Prime Minister Narendra Modi on Wednesday congratulated the ISRO chairman.", False),
    ("The Chandrayaan-3 lander touched down near the lunar south pole.", False),
]


@pytest.mark.parametrize(("sentence", "expected"), LEANS, ids=[c[0][:30] for c in LEANS])
def test_leans_on_previous(sentence: str, expected: bool) -> None:
    assert leans_on_previous(sentence) is expected


# (sentence, quotes open before it, quotes open after it); seeds 003 and 000, then invented.
QUOTES = [
    ('पेसकोव ने कहा, "हम इस समय तैयारी कर रहे हैं।', "", '"'),
    ('हमें उम्मीद है कि यह एक सार्थक यात्रा होगी।"', '"', ""),
    ("जयशंकर ने कहा, 'हम मानते हैं कि संबंध स्थिर रहे हैं।", "", "'"),
    ("इन रिश्तों को नेताओं के संपर्क ने मजबूत किया है।'", "'", ""),
    ("“India reached the pole because of our scientists' hard work.", "", '"'),  # possessive
    ("India's Moon mission is a success, said the ISRO chief.", "", ""),  # apostrophe
    ("लावरोव ने इसे ‘विशेष रणनीतिक साझेदारी’ बताया.", "", ""),  # a quoted term
    ("''Please convey my greetings to everyone,'' the prime minister said.", "", ""),
]


@pytest.mark.parametrize(("sentence", "before", "after"), QUOTES, ids=[c[0][:30] for c in QUOTES])
def test_open_quotes(sentence: str, before: str, after: str) -> None:
    assert open_quotes(sentence, before) == after


def test_units_keep_quotes_whole_and_name_what_they_lean_on() -> None:
    sentences = [
        "मास्को में आज विदेश मंत्री ने रूसी राष्ट्रपति से मुलाकात की.",
        'प्रवक्ता ने कहा, "हम यात्रा की तैयारी कर रहे हैं.',
        'हमें उम्मीद है कि यह सार्थक यात्रा होगी."',
        "इसे लेकर अभी से तैयारी शुरू हो गई है.",
        'एक अधिकारी ने कहा, "बाकी बातें अगले हफ्ते तय होंगी.',  # never closed in its paragraph
    ]
    assert units(sentences, [0, 0, 0, 0, 1]) == [
        Unit((0,)),
        Unit((1, 2)),
        Unit((3,), needs=2),
        Unit((4,), closed=False),
    ]


@pytest.mark.parametrize(
    ("sentence", "last", "complete"),
    [("The excerpt stops after the US, Ch", True, False), ("It ends well.", True, True),
     ("Not the last one, Ch", False, True), ("हादसे में 45 लोगों की मौत हो गयी।", True, True)],
)  # fmt: skip
def test_a_cut_off_last_sentence_is_not_complete(sentence, last, complete) -> None:
    assert is_complete(sentence, last) is complete
