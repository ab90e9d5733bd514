"""Datelines, agency credits and kickers cut off the front of a first sentence, verbatim."""

import pytest

from saaransh.text.prefixes import furniture_end

# (sentence, what must remain after the cut; None: nothing is cut)
CASES = [
    # Seeds 001, 004, 002, 003: the furniture the issue names.
    ("मास्को, 22 अगस्त (Udaipur Kiran News). भारत के विदेश मंत्री डॉ. एस जयशंकर ने मुलाकात की.",
     "भारत के विदेश मंत्री डॉ. एस जयशंकर ने मुलाकात की."),
    ("मास्को, 18 नवंबर . India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.",
     "India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं."),
    ("Jaishankar meets Russian FM Lavrov: केंद्रीय विदेश मंत्री एस. जयशंकर ने मुलाकात की.",
     "केंद्रीय विदेश मंत्री एस. जयशंकर ने मुलाकात की."),
    ("मॉस्को: भारत और रूस के बीच की दोस्ती दशकों पुरानी और अटूट है।",
     "भारत और रूस के बीच की दोस्ती दशकों पुरानी और अटूट है।"),
    # Other shapes of the same furniture (invented sentences).
    ("नई दिल्ली। सरकार ने आज नई योजना की घोषणा की।", "सरकार ने आज नई योजना की घोषणा की।"),
    ("लखनऊ, ऑनलाइन डेस्क। राज्य में आज से नई बसें चलेंगी।", "राज्य में आज से नई बसें चलेंगी।"),
    ("MOSCOW, Aug 22 (Reuters) - The minister met his Russian counterpart today.",
     "The minister met his Russian counterpart today."),
    ("Hathras (UP), Jul 2 (PTI) A stampede at a prayer meeting killed many people.",
     "A stampede at a prayer meeting killed many people."),
    ("New Delhi: The minister met his Russian counterpart today.",
     "The minister met his Russian counterpart today."),
    ("CHENNAI: The new bridge was opened to traffic on Monday.",
     "The new bridge was opened to traffic on Monday."),
    ("City Rail Launch: The first train left the station at six in the morning.",
     "The first train left the station at six in the morning."),
    ("नई दिल्ली: Metro Phase Four: शहर में चौथे चरण का काम आज से शुरू हुआ।",
     "शहर में चौथे चरण का काम आज से शुरू हुआ।"),  # a chain of two
    ("स्टाफ रिपोर्टर, समाचार डेस्क: शहर में आज सुबह से बारिश हो रही है।",
     "शहर में आज सुबह से बारिश हो रही है।"),
    # Not furniture: a quote's frame, a date inside a sentence, a short sentence, a verb.
    ("उन्होंने कहा: हम मिलकर काम करेंगे और आगे बढ़ेंगे।", None),
    ("PM Modi said: We will work together on this.", None),
    ("The reason is simple: India won the match today.", None),
    ("On Friday, July 14, 2023, India launched its third lunar mission.", None),
    ("बैठक हुई। इसके बाद चर्चा भी हुई और फैसला लिया गया।", None),
    ("नई दिल्ली: हम जीते।", None),  # too little would be left to be a sentence
    ("India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.", None),
]


@pytest.mark.parametrize(("sentence", "rest"), CASES, ids=[c[0][:25] for c in CASES])
def test_furniture_is_cut_never_rewritten(sentence: str, rest: str | None) -> None:
    cut = furniture_end(sentence)
    assert sentence[cut:] == (rest if rest is not None else sentence)
