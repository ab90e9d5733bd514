"""Names and numbers of an article, as keys that compare across Devanagari and Latin.

"जयशंकर" and "Jaishankar" must meet. Devanagari is transliterated (IAST), then both
scripts are reduced to a consonant skeleton: vowels (and so schwa deletion) drop
out, aspiration and doubled letters collapse, and v/w, z/j, f/ph, c/k, sh/s merge.
Keys of at least three consonants match within a small edit distance.

Devanagari has no capitals, so a Hindi token counts by rarity: wordfreq's Hindi
frequency drops common words and weighs the rest; Latin tokens must be capitalised
and are weighed by English rarity ("India" counts little, "Lavrov" fully).

Acronyms spelled out in Devanagari (बीएमसी = BMC) get a key of their Latin letters (see
acronyms.py). Numbers ("#275") and days of the year ("@08-23", from "23 अगस्त" or "August
23") are keys too: a death toll or a date is shared by the reports of one happening and
often differs between a happening and its follow-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from indic_transliteration import sanscript
from wordfreq import zipf_frequency

from ..text.dates import day_months
from .acronyms import LATIN_ACRONYM, acronym_key, devanagari_acronym, join_spelled_letters

TOKEN = re.compile(
    r"[\u0900-\u0963\u0971-\u097F]+"  # Devanagari letters and signs (no danda, no digits)
    r"|[A-Za-z][A-Za-z'’]*"
    r"|[0-9\u0966-\u096F][0-9\u0966-\u096F,.]*"
)
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
CANDRA = str.maketrans({"ॉ": "ा", "ॅ": "े", "ऑ": "आ", "ऍ": "ए"})
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# English spelling -> sound, before the shared rules. IAST "c" already means "ch".
LATIN_RULES = [
    (r"ch", "C"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"C", "c"), (r"x", "ks"), (r"q", "k"),
    (r"(?<=[aeiou])w$", ""),         # Moscow, Marlow: a vowel, not v
]  # fmt: skip
# (pattern, replacement) applied in order to lowercase ASCII of either script.
RULES = [
    (r"^yu", "u"),  # Ukraine/यूक्रेन, Europe/यूरोप: the same sound, spelled apart
    (r"q", "k"), (r"ph", "f"), (r"f", "p"), (r"w", "v"), (r"z", "j"), (r"sh", "s"),
    (r"(?<=[^aeiouh\W])h", ""),      # aspiration: bh, th, kh, dh ...
    (r"n(?=[pbm])", "m"),            # anusvara before a labial sounds m (ट्रंप = trump)
]  # fmt: skip
# (weight 0 at this zipf frequency or above, full weight this many points below it)
RARITY = {"en": (5.5, 2.0), "hi": (5.0, 1.5)}
# A capitalised word opening a sentence counts only if it is rarer than this as an
# English word (a name: "Shubman", not "Unseasonal"), unless a capital follows it.
SENTENCE_START_ZIPF = 1.0
# Calendar words are capitalised and shared by every story of the same week.
CALENDAR = {
    *"monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split(),
    *"सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार जनवरी फरवरी मार्च अप्रैल मई जून "
    "जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर".split(),
}
# The weekday a report names is the day of the happening (or the day before it appeared):
# "%2" for Wednesday. A funeral is reported as Thursday's, the death as Wednesday's.
WEEKDAYS = {
    name: day for day, names in enumerate(
        ["monday सोमवार", "tuesday मंगलवार", "wednesday बुधवार", "thursday गुरुवार वीरवार",
         "friday शुक्रवार", "saturday शनिवार", "sunday रविवार इतवार"])
    for name in names.split()
}  # fmt: skip
WEEKDAY_PREFIX = "%"
DATE_PREFIX = "@"
MIN_WEIGHT = 0.15
NUMBER_WEIGHT = 0.5
DATE_WEIGHT = 0.5
WEEKDAY_WEIGHT = 0.3
ACRONYM_FLOOR = 0.5
POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def entity_key(word: str) -> str:
    """The cross-script comparison key of one name token ("" if it has no consonants)."""
    latin = not DEVANAGARI.search(word)
    if not latin:
        # Candra o (ॉ, "Moscow" -> मॉस्को) has no IAST letter; it sounds like a/o anyway.
        word = sanscript.transliterate(
            word.translate(CANDRA), sanscript.DEVANAGARI, sanscript.IAST
        )
        word = word.replace("ṃ", "n").replace("ṅ", "n").replace("ñ", "n")
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
    for pattern, repl in (LATIN_RULES + RULES) if latin else RULES:
        word = re.sub(pattern, repl, word)
    if not word:
        return ""
    head = "a" if word[0] in "aeiou" else word[0]
    # y and v between vowels are glides that the other script often writes as a vowel.
    body = re.sub(r"[aeiouy]", "", word[1:])
    key = re.sub(r"(.)\1+", r"\1", head + body)
    return key if len(key) >= 2 else ""


@lru_cache(maxsize=65536)
def _weight(word: str) -> float:
    lang = "hi" if DEVANAGARI.search(word) else "en"
    common, span = RARITY[lang]
    zipf = zipf_frequency(word if lang == "hi" else word.lower(), lang)
    return max(0.0, min(1.0, (common - zipf) / span))


def extract_entities(texts: Iterable[str]) -> dict[str, float]:
    """Entity key -> weight (0..1, rarer = heavier) from a title and sentences, passed as
    separate strings (the first word of each is a sentence start)."""
    found: dict[str, float] = {}

    def add(key: str, weight: float) -> None:
        if key and weight >= MIN_WEIGHT:
            found[key] = max(found.get(key, 0.0), weight)

    for text in texts:
        text = join_spelled_letters(text or "")
        tokens = list(TOKEN.finditer(text))
        for i, match in enumerate(tokens):
            token = match.group()
            starts = i == 0 or text[: match.start()].rstrip()[-1:] in ".!?:;|।"
            next_capital = i + 1 < len(tokens) and tokens[i + 1].group()[0].isupper()
            for key, weight in _token_entities(token, starts and not next_capital):
                add(key, weight)
        for day in day_months(text):
            add(f"{DATE_PREFIX}{day.month:02d}-{day.day:02d}", DATE_WEIGHT)
    return found


def _token_entities(token: str, sentence_start: bool) -> list[tuple[str, float]]:
    if token[0].isdigit() or "\u0966" <= token[0] <= "\u096f":
        digits = token.translate(DEVANAGARI_DIGITS).replace(",", "").rstrip(".")
        # One-digit numbers and years are everywhere; they tell stories apart poorly.
        if len(digits) < 2 or (digits.isdigit() and 1990 <= int(digits) <= 2040):
            return []
        return [("#" + digits, NUMBER_WEIGHT)]
    token = POSSESSIVE.sub("", token)  # "BJP's" is BJP
    if token.lower() in WEEKDAYS:
        return [(f"{WEEKDAY_PREFIX}{WEEKDAYS[token.lower()]}", WEEKDAY_WEIGHT)]
    if len(token) < 2 or token.lower() in CALENDAR:
        return []
    if DEVANAGARI.search(token):
        letters = devanagari_acronym(token)
        if letters:  # बीएमसी: only its letters; its sounds ("bms") say nothing
            return [(acronym_key(letters), _acronym_weight(letters))]
    else:
        if not token[0].isupper():
            return []
        acronym = token.isupper()
        common = zipf_frequency(token.lower(), "en") >= SENTENCE_START_ZIPF
        if sentence_start and not acronym and common:
            return []
    key = entity_key(token)
    # Two-letter skeletons (Modi -> "md") collide easily: count them half.
    keys = [(key, _weight(token) * (0.5 if len(key) == 2 else 1.0))]
    if LATIN_ACRONYM.match(token):  # BMC (बीएमसी), or ISRO read as a word (इसरो)
        keys.append((acronym_key(token), _acronym_weight(token)))
    return keys


def _acronym_weight(letters: str) -> float:
    # Weighed as its Latin letters in both scripts, so BJP and बीजेपी count alike; never
    # as the English word it spells ("WHO" is not "who").
    return max(_weight(letters), ACRONYM_FLOOR)
