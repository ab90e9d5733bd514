"""Checks an editor would make of an extractive summary, written apart from the summariser.

Each check reads the summary's sentences and the article's RAW text (before any cleaning),
with its own definitions and word lists, so it can catch the summariser's own cleaning,
splitting and selection when they go wrong. Definitions:

- unfaithful: the sentence does not occur in the raw text (whitespace and invisible
  characters aside), or the summary text is not its sentences joined by spaces.
- mid-sentence start: the first word is a lower-case Latin word or a Hindi postposition,
  particle or auxiliary (no sentence starts with "की"); or in the raw text the sentence
  follows, on the same line, something that is not a sentence end (".", "।", "?", "!", a
  closing quote after one, a dateline/kicker ":" or dash, or an agency credit "(PTI)"); or
  it follows a single line break after a line that ends with a comma or a word that cannot
  end a sentence.
- chrome: page furniture inside the sentence (ads, "also read", captions, credits, prompts,
  links, handles, embedded-tweet marks), or a dateline, agency credit or kicker before it.
- repeated pair: two sentences of one summary whose longest common subsequence of content
  words (ROUGE's Devanagari-aware stemmed tokens, function words left out) covers at least
  60% of the shorter one's content words (shorter one of 4+ content words).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from saaransh.eval.rouge import UnicodeTokenizer

REPEAT_LCS = 0.6
_CREDIT = re.compile(r"\([A-Z][A-Za-z .&/-]{1,30}\)$")  # "... Jul 2 (PTI) A stampede ..."
REPEAT_MIN_WORDS = 4
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_ENDS = ".।॥?!"
_CLOSERS = "\"'”’»)]"
# Words that cannot open a Hindi sentence: postpositions, particles, auxiliaries, "and/or".
_NO_START_HI = set(
    "का के की को में से ने पर तक और व एवं तथा या है हैं था थे थी थीं गया गई गए हुआ हुई हुए".split()
)
# Words a line cannot end on unless the sentence goes on (a hard wrap).
_NO_END = _NO_START_HI - {"है", "हैं", "था", "थे", "थी", "थीं", "गया", "गई", "गए", "हुआ", "हुई",
                          "हुए"} | {"the", "a", "an", "of", "to", "in", "and", "or", "with",
                                    "for", "by", "on", "at", "from", "that"}
_CHROME = re.compile(
    "|".join([
        r"विज्ञापन", r"(?:यह|ये|इसे) भी पढ़ें", r"\balso read\b", r"\bread more\b",
        r"(?:फोटो|फ़ोटो|photo|image|तस्वीर)\s*(?:credit\s*)?:", r"\bcourtesy\b",
        r"published by", r"updated\s*:", r"\bupdated on\b", r"click here", r"सब्सक्राइब",
        r"\bsubscribe\b", r"follow us", r"फॉलो करें", r"pic\.twitter\.com", r"https?://",
        r"\bwww\.", r"\(@\w+\)", r"#watch\b", r"this article is from",
        r"डाउनलोड करें", r"\bdownload the app\b", r"\(\s*(?:PTI|IANS|ANI|UNI|Reuters|AFP)\s*\)",
        r"\((?:आईएएनएस|पीटीआई|भाषा|एएनआई|यूएनआई|वार्ता)\)",
    ]),
    re.IGNORECASE,
)
_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|जनवरी|फरवरी|फ़रवरी|"
           r"मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर")
_PREFIX = [
    # "मास्को, 22 अगस्त ...", "MOSCOW, Aug 22 (Reuters) -", "New Delhi, June 4:"
    re.compile(rf"^[^\s,.:]+(?: [^\s,.:]+){{0,2}},\s*(?:\d{{1,2}}\s*(?:{_MONTHS})|(?:{_MONTHS})"
               rf"\s*\d{{1,2}})\s*(?:\([^)]*\)|[.:।–—-])", re.IGNORECASE),
    # "लखनऊ, ऑनलाइन डेस्क।", "नई दिल्ली (भाषा)।", "New Delhi (PTI):"
    re.compile(r"^[^\s,.:]+(?: [^\s,.:]+){0,2}(?:,\s*[^,.:।]{2,20})?\s*(?:\([^)]{2,30}\))?\s*"
               r"[।:]\s"),
    # "Jaishankar meets Russian FM Lavrov: केंद्रीय ...": a Latin kicker before Hindi.
    re.compile(r"^[A-Za-z][^:\u0900-\u097F]{1,80}:\s*[\u0900-\u097F]"),
    # "Watch:", "Delhi Pollution Live Updates:": a title-case kicker before English.
    re.compile(r"^(?:[A-Z][\w'’&-]*\s?){1,6}:\s"),
]


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


# Function words: shared grammar is not shared content ("भारत और रूस के बीच की ..." twice).
_FUNCTION = set(
    "का के की को में से ने पर तक और व एवं तथा या है हैं था थे थी भी कि यह ये वह वे इस उस इन उन "
    "उन्हें उन्होंने इसे उसे जो एक ही तो हो रहा रही रहे गया गई गए किया कर करने लिए साथ बाद "
    "the a an of to in and or is are was were be been has have had it its this that these "
    "those on at by for with from as he she they his her their said also".split()
)


@lru_cache(maxsize=4)
def _tokenizer(lang: str) -> tuple[UnicodeTokenizer, frozenset[str]]:
    tokenizer = UnicodeTokenizer(lang)
    return tokenizer, frozenset(s for w in _FUNCTION for s in tokenizer.tokenize(w))


def words(text: str, lang: str) -> list[str]:
    """Stemmed content words of `text`."""
    tokenizer, function = _tokenizer(lang)
    return [t for t in tokenizer.tokenize(text) if t not in function]


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], (prev + 1 if x == y else max(row[j], row[j - 1]))
    return row[-1]


def repeated_pairs(sentences: list[str], lang: str) -> list[tuple[int, int]]:
    """Pairs (i, j) of sentences of one summary that say much the same words."""
    toks = [words(s, lang) for s in sentences]
    out = []
    for i in range(len(toks)):
        for j in range(i + 1, len(toks)):
            short = min(len(toks[i]), len(toks[j]))
            if short >= REPEAT_MIN_WORDS and _lcs(toks[i], toks[j]) >= REPEAT_LCS * short:
                out.append((i, j))
    return out


def _locate(sentence: str, raw: str) -> re.Match[str] | None:
    parts = [re.escape(p) for p in normalise(sentence).split()]
    return re.search(r"\s+".join(parts), raw) if parts else None


def is_faithful(sentence: str, raw: str) -> bool:
    return _locate(sentence, normalise(raw)) is not None


def starts_mid_sentence(sentence: str, raw: str) -> bool:
    first = sentence.split()[0] if sentence.split() else ""
    bare = first.strip(_CLOSERS + "\"'‘“(")
    if bare[:1].isascii() and bare[:1].islower() or bare in _NO_START_HI:
        return True
    raw = normalise(raw)
    found = _locate(sentence, raw)
    if found is None:
        return False  # counted as unfaithful instead
    before = raw[: found.start()]
    gap = before[len(before.rstrip()):]
    text = before.rstrip()
    if not text or gap.count("\n") >= 2:
        return False
    if "\n" in gap:  # a single line break: only a hard wrap if the line could not end there
        last = text.split()[-1].lower()
        return text.endswith(",") or last.strip(_CLOSERS) in _NO_END
    end = text.rstrip(_CLOSERS)
    return not (end[-1:] in _ENDS or text[-1] in ":–—-|" or _CREDIT.search(text))


def has_chrome(sentence: str) -> bool:
    text = normalise(sentence)
    return bool(_CHROME.search(text)) or any(p.search(text) for p in _PREFIX)


@dataclass
class Verdict:
    """What the checks found in one summary."""

    sentences: int = 0
    pairs: int = 0
    repeats: list[tuple[str, str]] = field(default_factory=list)
    mid_starts: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    unfaithful: list[str] = field(default_factory=list)


def check_summary(text: str, sentences: list[str], raws: list[str], lang: str) -> Verdict:
    """Run every check on one summary made of `sentences` from the articles `raws`."""
    v = Verdict(sentences=len(sentences), pairs=len(sentences) * (len(sentences) - 1) // 2)
    if " ".join(sentences) != text:
        v.unfaithful.append(f"summary text is not its sentences joined: {text[:60]}")
    for sentence in sentences:
        homes = [raw for raw in raws if is_faithful(sentence, raw)]
        if not homes:
            v.unfaithful.append(sentence)
        elif all(starts_mid_sentence(sentence, raw) for raw in homes):
            v.mid_starts.append(sentence)
        if has_chrome(sentence):
            v.chrome.append(sentence)
    v.repeats = [(sentences[i], sentences[j]) for i, j in repeated_pairs(sentences, lang)]
    return v
