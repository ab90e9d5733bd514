"""Datelines, agency credits and kickers in front of a paragraph's first sentence.

"मास्को, 22 अगस्त (Udaipur Kiran News). भारत के ..." and "Jaishankar meets Russian FM
Lavrov: केंद्रीय विदेश मंत्री ..." carry page furniture before the sentence proper. We find
where the sentence starts and cut there: the sentence that remains is a verbatim copy of
the article text, never a rewrite.
"""

from __future__ import annotations

import re
import unicodedata

_MONTHS = unicodedata.normalize(
    "NFC",
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|जनवरी|फरवरी|फ़रवरी|मार्च|"
    r"अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर",
)
_PLACE = r"[^\W\d][^\s,.:;।()]*(?: [^\s,.:;।()]+){0,2}"  # one to three words
_DATE = rf"(?:\d{{1,2}}\s*(?:{_MONTHS})|(?:{_MONTHS})\s*\d{{1,2}})(?:,?\s*\d{{4}})?"
_PAREN = r"\([^()\n]{1,60}\)"
# "मास्को, 22 अगस्त (Udaipur Kiran News).", "MOSCOW, Aug 22 (Reuters) -", "Hathras (UP), Jul 2
# (PTI)", "मास्को, 18 नवंबर .": a place, a day and month, then a credit or a separator.
_DATELINE = re.compile(
    rf"^{_PLACE}(?:\s*{_PAREN})?,\s*{_DATE}\s*(?:{_PAREN}\s*[.:।–—-]?|[.:।–—-])\s*",
    re.IGNORECASE,
)
# "नई दिल्ली।", "लखनऊ, ऑनलाइन डेस्क।", "पानीपत (निस)।": a place or desk closed by a danda
# (not a short sentence such as "बैठक हुई।": its last word is a verb).
_DESKLINE = re.compile(rf"^{_PLACE}(?:,\s*{_PLACE})?(?:\s*{_PAREN})?\s*।\s+")
_VERBS = frozenset("है हैं था थे थी हुआ हुई हुए गया गई गए गयी किया की दिया दी रहा रही रहे".split())
# "New Delhi:", "MUMBAI:", "Aditya L1 launch:" before an English sentence: a capitalised
# label of a few words with no verb in it ("He said:", "The reason is:" open sentences).
_EN_KICKER = re.compile(r"^[\[(]?[A-Z][\w'’&.-]*(?: [\w'’&.-]+){0,6}\s*:\s+(?=[\"“‘'A-Z])")
_EN_VERBS = frozenset(
    "is are was were be been has have had said says told added wrote asked tweeted posted "
    "will would can could may might must should do does did i we he she they it this that".split()
)
# Any Latin-script run before a colon, in front of Devanagari text ("IND vs SA Final: भारत").
_LATIN_KICKER = re.compile(r"^[\[(]?[A-Za-z0-9][^:\u0900-\u097F\n]{0,80}?\s*:\s*(?=\S)")
# "नई दिल्ली:", "मुंबई :", "स्टाफ रिपोर्टर, एएनएम न्यूज़:" (four words at most, no verb).
_HI_KICKER = re.compile(r"^[\u0900-\u097F][\u0900-\u097F\s,.]{0,40}?\s*:\s*(?=\S)")
_SPEECH = re.compile(r"(?:कहा|बताया|लिखा|पूछा|बोले|बोला|बोलीं|कहना|said|says|told|wrote|added|है|हैं)"
                     r"\s*:?\s*$")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z]")
_MIN_REST_WORDS = 4  # what is left must still be a sentence


def furniture_end(sentence: str) -> int:
    """Offset where the sentence proper begins after datelines, credits and kickers (0: none).

    Chains are followed ("नई दिल्ली: Bipin Rawat Helicopter Crashes: तमिलनाडु ..."), but
    never so far that fewer than four words remain.
    """
    start = 0
    for _ in range(3):
        cut = _one_prefix(sentence[start:])
        if not cut or len(sentence[start + cut :].split()) < _MIN_REST_WORDS:
            break
        start += cut
    return start


def _one_prefix(text: str) -> int:
    if m := _DATELINE.match(text):
        return m.end()
    if (m := _DESKLINE.match(text)) and m.group().split()[-1].rstrip("।") not in _VERBS:
        return m.end()
    rest_is_hindi = _is_hindi(text)
    kicker = _LATIN_KICKER if rest_is_hindi else _EN_KICKER
    m = kicker.match(text) or (_HI_KICKER.match(text) if rest_is_hindi else None)
    if m is None:
        return 0
    prefix = m.group().rstrip(": ").rstrip()
    if not rest_is_hindi and any(w.lower() in _EN_VERBS for w in prefix.split()):
        return 0
    if _SPEECH.search(prefix) or len(prefix.split()) > (8 if _LATIN.search(prefix) else 4):
        return 0  # "उन्होंने कहा:" opens a quote; a long run is a sentence, not a label
    return m.end()


def _is_hindi(text: str) -> bool:
    return len(_DEVANAGARI.findall(text)) > len(_LATIN.findall(text))
