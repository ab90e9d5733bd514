import pytest

from saaransh.text.prefixes import furniture_end
from saaransh.text.sentences import FURNITURE_PARAGRAPHS, split_sentences, split_text

# (name, text, expected sentences). Sentences are taken from the seed articles.
CASES = [
    (
        "danda; Hindi title and initial are not ends",
        "भारतीय विदेश मंत्री डॉ. एस. जयशंकर ने गुरुवार को रूस के राष्ट्रपति व्लादिमीर पुतिन से "
        "मुलाकात की। इस बैठक में दोनों देशों के बीच रिश्तों को और मजबूत बनाने के तरीकों पर चर्चा हुई।",
        [
            "भारतीय विदेश मंत्री डॉ. एस. जयशंकर ने गुरुवार को रूस के राष्ट्रपति व्लादिमीर पुतिन से "
            "मुलाकात की।",
            "इस बैठक में दोनों देशों के बीच रिश्तों को और मजबूत बनाने के तरीकों पर चर्चा हुई।",
        ],
    ),
    (
        "full stop used as Hindi terminator (seed 002)",
        "केंद्रीय विदेश मंत्री एस. जयशंकर ने गुरुवार को मॉस्को में रूसी विदेश मंत्री सर्गेई लावरोव से "
        "मुलाकात की. इस बैठक में दोनों नेताओं ने चर्चा की.",
        [
            "केंद्रीय विदेश मंत्री एस. जयशंकर ने गुरुवार को मॉस्को में रूसी विदेश मंत्री सर्गेई लावरोव से "
            "मुलाकात की.",
            "इस बैठक में दोनों नेताओं ने चर्चा की.",
        ],
    ),
    (
        "डॉ. alone (seed 001)",
        "डॉ. जयशंकर रूस की तीन दिवसीय यात्रा पर मंगलवार को मास्को पहुंचे थे. "
        "क्रेमलिन में पुतिन से मुलाकात से पहले डॉ. जयशंकर ने लावरोव से भी मुलाकात की.",
        [
            "डॉ. जयशंकर रूस की तीन दिवसीय यात्रा पर मंगलवार को मास्को पहुंचे थे.",
            "क्रेमलिन में पुतिन से मुलाकात से पहले डॉ. जयशंकर ने लावरोव से भी मुलाकात की.",
        ],
    ),
    (
        "English initials and titles",
        "Dr. S. Jaishankar met Putin on Thursday. Mr. Modi spoke to him later.",
        ["Dr. S. Jaishankar met Putin on Thursday.", "Mr. Modi spoke to him later."],
    ),
    (
        "U.S., No., decimals, Rs., times",
        "The U.S. tariff is 50 per cent. No. 10 said growth was 2.5 per cent, or Rs. 500 a head, "
        "at 08:40 PM IST. Markets fell.",
        [
            "The U.S. tariff is 50 per cent.",
            "No. 10 said growth was 2.5 per cent, or Rs. 500 a head, at 08:40 PM IST.",
            "Markets fell.",
        ],
    ),
    (
        "closing quote stays with its sentence (seed 000)",
        "जयशंकर ने कहा, 'इन रिश्तों को जनता की आपसी भावनाएं मजबूत करती रही हैं।' अगला वाक्य।",
        ["जयशंकर ने कहा, 'इन रिश्तों को जनता की आपसी भावनाएं मजबूत करती रही हैं।'", "अगला वाक्य।"],
    ),
    (
        "double quote after danda (seed 003)",
        'पेसकोव ने कहा, "हमें उम्मीद है कि यह एक सार्थक यात्रा होगी।" 7 नवंबर को बैठक हुई।',
        ['पेसकोव ने कहा, "हमें उम्मीद है कि यह एक सार्थक यात्रा होगी।"', "7 नवंबर को बैठक हुई।"],
    ),
    (
        "danda with no space after it",
        "बैठक हुई।इसके बाद चर्चा हुई॥",
        ["बैठक हुई।", "इसके बाद चर्चा हुई॥"],
    ),
    (
        "question and exclamation",
        "क्या यह सही है? हां! Really? Yes.",
        ["क्या यह सही है?", "हां!", "Really?", "Yes."],
    ),
    (
        "paragraph breaks are boundaries even without a terminator",
        "लावरोव का बहुध्रुवीय विश्व पर जोर\n\nरूसी विदेश मंत्री ने कहा कि आज का दौर बहुध्रुवीय है.",
        ["लावरोव का बहुध्रुवीय विश्व पर जोर", "रूसी विदेश मंत्री ने कहा कि आज का दौर बहुध्रुवीय है."],
    ),
    (
        "dateline with a stray full stop is cut off the lede (seed 004)",
        "मास्को, 18 नवंबर . India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं. Tuesday को मुलाकात हुई.",
        ["India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.", "Tuesday को मुलाकात हुई."],
    ),
    (
        "dateline with an agency credit is cut off the lede (seed 001)",
        "मास्को, 22 अगस्त (Udaipur Kiran News). भारत के विदेश मंत्री डॉ. एस जयशंकर ने पुतिन से "
        "मुलाकात की. इस बैठक में चर्चा हुई.",
        [
            "भारत के विदेश मंत्री डॉ. एस जयशंकर ने पुतिन से मुलाकात की.",
            "इस बैठक में चर्चा हुई.",
        ],
    ),
    (
        "English kicker is cut off a Hindi lede (seed 002)",
        "Jaishankar meets Russian FM Lavrov: केंद्रीय विदेश मंत्री एस. जयशंकर ने गुरुवार को मॉस्को में "
        "मुलाकात की.",
        ["केंद्रीय विदेश मंत्री एस. जयशंकर ने गुरुवार को मॉस्को में मुलाकात की."],
    ),
    (
        "a place line closed by a danda is a dateline, a short sentence is not",
        "नई दिल्ली। भारत तीन कदम में चांद चढ़ा।\nबैठक हुई। चर्चा भी हुई।",
        ["भारत तीन कदम में चांद चढ़ा।", "बैठक हुई।", "चर्चा भी हुई।"],
    ),
    (
        "a quote opened with a colon keeps its speaker",
        "उन्होंने कहा: हम मिलकर काम करेंगे और आगे बढ़ेंगे।",
        ["उन्होंने कहा: हम मिलकर काम करेंगे और आगे बढ़ेंगे।"],
    ),
    (
        "English dateline and credit",
        "Hathras (UP), Jul 2 (PTI) A stampede at a religious congregation killed 116 people.",
        ["A stampede at a religious congregation killed 116 people."],
    ),
    (
        "a date inside the first sentence is not a dateline",
        "On Friday, July 14, 2023, India launched its third lunar mission.",
        ["On Friday, July 14, 2023, India launched its third lunar mission."],
    ),
    (
        "Devanagari initials chain and URL-like dots",
        "संगीतकार ए.आर. रहमान ने amarujala.com पर बात की. उ.प्र. में चुनाव हैं.",
        ["संगीतकार ए.आर. रहमान ने amarujala.com पर बात की.", "उ.प्र. में चुनाव हैं."],
    ),
    ("abbreviation at the very end", "He met Mr.", ["He met Mr."]),
    ("empty", "", []),
    ("only whitespace", " \n\n ", []),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split_sentences(name: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_no_text_is_lost_on_seeds(seed_paths) -> None:
    """Only a dateline or kicker in front of an opening paragraph is left out."""
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        sentences = split_text(text)
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        for number, line in enumerate(lines):
            cut = furniture_end(line) if number < FURNITURE_PARAGRAPHS else 0
            mine = [s.text for s in sentences if s.paragraph == number]
            assert "".join("".join(mine).split()) == "".join(line[cut:].split())
        assert all(s.text == s.text.strip() and s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "cap", "pieces"),
    [
        ("एक दो तीन चार", len("एक दो तीन चार"), ["एक दो तीन चार"]),  # exactly at the cap: whole
        ("एक दो तीन चार", len("एक दो तीन चार") - 1, ["एक दो तीन", "चार"]),  # one past: cut
        ("one two three, four five six", 16, ["one two three,", "four five six"]),  # at a comma
        ("one, two three four five six", 12, ["one, two", "three four", "five six"]),
        ("a." * 20, 15, ["a.a.a.a.a.a.a.a", ".a.a.a.a.a.a.a.", "a.a.a.a.a."]),  # no space: hard cut
    ],
)
def test_over_long_sentences_are_cut_into_marked_pieces(text, cap, pieces) -> None:
    out = split_text(text, max_chars=cap)
    assert [s.text for s in out] == pieces
    assert all(len(s.text) <= cap for s in out)
    assert all(s.whole for s in out) == (len(pieces) == 1)


def test_sentence_count_cap() -> None:
    text = " ".join(f"वाक्य {i} है।" for i in range(10))
    assert [s.text for s in split_text(text, max_sentences=3)] == ["वाक्य 0 है।", "वाक्य 1 है।",
                                                                    "वाक्य 2 है।"]  # fmt: skip


def test_the_pipeline_reads_at_most_max_sentences() -> None:
    from saaransh.article import RawDocument
    from saaransh.pipeline import analyse

    body = " ".join(f"आज शहर में वाक्य संख्या {i} लिखा गया है।" for i in range(50))
    article = analyse(RawDocument(id="n", body=body), max_sentences=5, max_sentence_chars=1000)
    assert len(article.sentences) == len(article.sentence_info) == 5
