"""Language facts of a document and of each of its sentences: tag counts, script, code-mixing
index, dominant language; the primary language follows what most sentences are written in."""

from __future__ import annotations

import re
from collections import Counter

from ..article import LanguageInfo
from .tagger import tag_tokens
from .tokens import tokenize

# Share of letter tokens in one script above which the text counts as written in that script.
SCRIPT_SHARE = 0.9
# A text is code-mixed when its CMI exceeds this and it switches language at least
# CODE_MIXED_MIN_SWITCHES times: one loan word in a 400-word Hindi article gives CMI 0.25 and
# ten give 2.5, while English phrases in most sentences of an article (seed 004) give about 6.
CODE_MIXED_CMI = 4.0
CODE_MIXED_MIN_SWITCHES = 2
VOTE_MIN_WORDS = 3  # a sentence votes for the primary language with at least this many words
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# Grammar words, Devanagari and romanised; words both languages spell alike ("me", "he",
# "to", "is", "or", "so") are left out of both lists.
_GRAMMAR_HI = frozenset(
    "का के की को में से ने पर तक है हैं था थे थी थीं गया गई गए हुआ हुई हुए रहा रही रहे और कि "
    "ka ke ki ko mein se ne hai hain tha thi gaya gayi hua hui rahe raha rahi aur ki "
    "kya nahi nahin bhi".split()
)
_GRAMMAR_EN = frozenset(
    "the a an of in on at for with from by and are was were has have had been will would "
    "that which who this these those its their".split()
)
_LATIN = re.compile(r"[A-Za-z]")


def _language(tag: str) -> str | None:
    """The language a tag counts toward in CMI and switch points; None for univ."""
    return None if tag == "univ" else ("hi" if tag.startswith("hi") else tag)


def cmi(counts: dict[str, int]) -> float:
    """Code-Mixing Index (Das & Gambäck 2014): 100 * (1 - max_lang / (n - u)); 0 when n == u.

    `counts` has the keys of `LanguageInfo.tokens`; "hi" and "hi-Latn" are one language.
    """
    n = sum(counts.values())
    u = counts.get("univ", 0)
    if n == u:
        return 0.0
    per_language: Counter[str] = Counter()
    for tag, count in counts.items():
        language = _language(tag)
        if language:
            per_language[language] += count
    return 100.0 * (1.0 - max(per_language.values()) / (n - u))


def switch_points(tags: list[str]) -> int:
    """Adjacent language-token pairs (univ tokens skipped) whose languages differ."""
    languages = [lang for lang in map(_language, tags) if lang]
    return sum(a != b for a, b in zip(languages, languages[1:], strict=False))


def _script(counts: dict[str, int]) -> str:
    latin = counts["en"] + counts["hi-Latn"]
    letters = counts["hi"] + latin + counts["other"]
    if letters and counts["hi"] >= SCRIPT_SHARE * letters:
        return "Deva"
    if letters and latin >= SCRIPT_SHARE * letters:
        return "Latn"
    return "mixed"


def _by_tokens(counts: dict[str, int], text: str) -> str:
    totals = {"hi": counts["hi"] + counts["hi-Latn"], "en": counts["en"], "other": counts["other"]}
    best = max(totals.values())
    leaders = [lang for lang, count in totals.items() if count == best]
    if len(leaders) == 1:
        return leaders[0]
    # A tie (or an empty text): ask a document-level identifier, which knows romanised Hindi.
    import gcld3

    guess = gcld3.NNetLanguageIdentifier(0, 1000).FindLanguage(text).language
    guess = "hi" if guess.startswith("hi") else guess
    return guess if guess in leaders else ("hi" if "hi" in leaders else leaders[0])


def _counted(tokens: list[str], tags: list[str]) -> tuple[dict[str, int], list[str]]:
    """Tag counts (romanised Hindi apart as "hi-Latn") and the detailed tag of each token."""
    counts = {"hi": 0, "en": 0, "hi-Latn": 0, "univ": 0, "other": 0}
    detailed = []
    for token, tag in zip(tokens, tags, strict=True):
        if tag == "hi" and _LATIN.search(token) and not _DEVANAGARI.search(token):
            tag = "hi-Latn"
        counts[tag] += 1
        detailed.append(tag)
    return counts, detailed


def _info(counts: dict[str, int], detailed: list[str], primary: str) -> LanguageInfo:
    index = cmi(counts)
    switches = switch_points(detailed)
    return LanguageInfo(
        primary=primary,  # type: ignore[arg-type]
        script=_script(counts),  # type: ignore[arg-type]
        code_mixed=index > CODE_MIXED_CMI and switches >= CODE_MIXED_MIN_SWITCHES,
        cmi=round(index, 2),
        tokens=counts,
        switch_points=switches,
    )


def analyse_language(text: str) -> LanguageInfo:
    """Token counts per tag, script, CMI, switch points, code-mixing and primary language."""
    tokens = tokenize(text)
    counts, detailed = _counted(tokens, tag_tokens(tokens))
    return _info(counts, detailed, _by_tokens(counts, text))


def sentence_language(counts: dict[str, int], text: str, tokens: list[str] | None = None) -> str:
    """The dominant language of one sentence.

    Its grammar decides first (the matrix language: whose postpositions, auxiliaries and
    articles hold the sentence together), so "Metro Corporation के Managing Director ने
    Wednesday को Press Conference की।" is Hindi although most of its words are English; when
    grammar words do not tell, the tag counts do, and a tie goes to the script most letters
    are written in.
    """
    if tokens is not None:
        low = [t.lower() for t in tokens]
        hindi = sum(t in _GRAMMAR_HI for t in low)
        english = sum(t in _GRAMMAR_EN for t in low)
        if hindi > 0 and hindi >= 2 * english:
            return "hi"
        if english > 0 and english >= 2 * hindi:
            return "en"
    totals = {"hi": counts["hi"] + counts["hi-Latn"], "en": counts["en"], "other": counts["other"]}
    best = max(totals.values())
    if best == 0:
        return "univ"
    leaders = [lang for lang, count in totals.items() if count == best]
    if len(leaders) == 1:
        return leaders[0]
    deva, latin = len(_DEVANAGARI.findall(text)), len(_LATIN.findall(text))
    return "hi" if deva > latin and "hi" in leaders else ("en" if "en" in leaders else leaders[0])


def analyse_sentences(
    sentences: list[str], title: str | None = None
) -> tuple[LanguageInfo, list[tuple[str, float]]]:
    """Document language and, per sentence, its dominant language and CMI.

    All tokens are tagged in one call (the tagger sees each sentence in its context). The
    primary language is the language most sentences (and the title) are written in, as a
    reader sees it: English nouns inside Hindi sentences no longer outvote the Hindi.
    """
    texts = [title, *sentences] if title else list(sentences)
    token_lists = [tokenize(t) for t in texts]
    tags = tag_tokens([tok for toks in token_lists for tok in toks])
    total = {"hi": 0, "en": 0, "hi-Latn": 0, "univ": 0, "other": 0}
    all_detailed: list[str] = []
    per_sentence: list[tuple[str, float]] = []
    votes: Counter[str] = Counter()
    start = 0
    for text, toks in zip(texts, token_lists, strict=True):
        counts, detailed = _counted(toks, tags[start : start + len(toks)])
        start += len(toks)
        lang = sentence_language(counts, text, toks)
        per_sentence.append((lang, round(cmi(counts), 2)))
        if sum(counts.values()) - counts["univ"] >= VOTE_MIN_WORDS:
            votes[lang] += 1
        for key, value in counts.items():
            total[key] += value
        all_detailed += detailed
    info = _info(total, all_detailed, _by_sentences(votes, total, " ".join(texts)))
    info.sentence_counts = dict(Counter(lang for lang, _ in per_sentence[1 if title else 0 :]))
    return info, per_sentence[1 if title else 0 :]


def _by_sentences(votes: Counter[str], counts: dict[str, int], text: str) -> str:
    ranked = votes.most_common()
    if not ranked:
        return _by_tokens(counts, text)
    if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    # As many sentences in each: the script most letters are written in decides.
    deva, latin = len(_DEVANAGARI.findall(text)), len(_LATIN.findall(text))
    tied = {lang for lang, n in ranked if n == ranked[0][1]}
    if "hi" in tied and deva > latin:
        return "hi"
    return "en" if "en" in tied and latin > deva else _by_tokens(counts, text)
