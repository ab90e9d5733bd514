"""Chat spellings of frequent Hindi words that the transliteration rules cannot produce.

Generic knowledge of how romanised Hindi is typed, written by hand (not learnt from any labelled
data): one-letter abbreviations ("h" for है, "k" for के/की) and the "u" that many people write for
the inherent vowel of हम ("hum", not "ham"). Each spelling borrows the wordfreq frequency of the
Devanagari word it stands for, scaled by the lexicon's chat weight, so it is evidence, not a rule:
"h" and "k" stay ambiguous and their neighbours still decide.
"""

from __future__ import annotations

CHAT_SPELLINGS: dict[str, str] = {
    "h": "है",
    "k": "के",
    "hum": "हम",
    "humein": "हमें",
    "humko": "हमको",
    "humne": "हमने",
    "humara": "हमारा",
    "humare": "हमारे",
    "humari": "हमारी",
    "humse": "हमसे",
    "kion": "क्यों",
    "kiun": "क्यों",
    "kiu": "क्यों",
    "awo": "आओ",
    "ker": "कर",
}
