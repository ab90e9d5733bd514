"""A single line break inside a sentence is not a boundary; a blank line or a full stop is."""

import pytest

from saaransh.article import RawDocument
from saaransh.pipeline import analyse
from saaransh.text.wraps import continues, unwrap

# (line, next line, whether the sentence goes on across the break)
CASES = [
    ("भारत के विदेश मंत्री डॉ. एस जयशंकर रूस", "की यात्रा पर राजधानी मास्को पहुंचे।", True),  # "की" opens
    ("विदेश मंत्री ने कहा कि दोनों देशों के", "संबंध मजबूत हैं।", True),  # "के" cannot end one
    ("The minister said the two countries will", "sign three agreements next month.", True),
    ("The minister met officials from Russia,", "China and Brazil on Monday.", True),
    ("विदेश मंत्री मंगलवार को मॉस्को पहुंचे थे।", "उनकी यात्रा का मकसद तैयारी है।", False),  # full stop
    ("The minister arrived on Tuesday.", "He met Putin on Thursday.", False),
    ("दो दिवसीय मॉस्को दौरे पर EAM जयशंकर", "विदेश मंत्री मंगलवार को मॉस्को पहुंचे थे।", False),  # heading
    ("Trade talks", "The two sides agreed on a new target.", False),
    ("New Delhi:", "The minister arrived on Tuesday.", False),
    ("", "की यात्रा पर", False),
]


@pytest.mark.parametrize(("line", "following", "expected"), CASES,
                         ids=[f"{c[0][:20]}|{c[1][:12]}" for c in CASES])  # fmt: skip
def test_continues(line: str, following: str, expected: bool) -> None:
    assert continues(line, following) is expected


def test_unwrap_joins_only_inside_a_paragraph() -> None:
    lines = ["जयशंकर रूस में तीन दिन", "की यात्रा पर मंगलवार को मास्को पहुंचे थे।", "",
             "की बात दूसरे अनुच्छेद में है।"]  # fmt: skip
    assert unwrap(lines) == ["जयशंकर रूस में तीन दिन की यात्रा पर मंगलवार को मास्को पहुंचे थे।", "",
                             "की बात दूसरे अनुच्छेद में है।"]  # fmt: skip


def test_a_wrapped_lede_is_one_sentence_after_analysis() -> None:
    body = ("भारत के विदेश मंत्री डॉ. एस जयशंकर गुरुवार को तीन दिन\n"
            "की यात्रा पर राजधानी मास्को पहुंचे। उन्होंने वहां कई बैठकें कीं।\n\n"
            "दोनों देशों के बीच व्यापार पर भी बातचीत हुई।")  # fmt: skip
    article = analyse(RawDocument(id="w", body=body))
    assert article.sentences[0] == ("भारत के विदेश मंत्री डॉ. एस जयशंकर गुरुवार को तीन दिन की यात्रा "
                                    "पर राजधानी मास्को पहुंचे।")  # fmt: skip
    assert not any(s.startswith("की ") for s in article.sentences)
