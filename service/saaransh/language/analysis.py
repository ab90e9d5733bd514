"""Document-level language facts: tag counts, script, code-mixing index, primary language."""

from __future__ import annotations

from collections import Counter

from ..article import LanguageInfo
from .scripts import token_kind
from .tagger import tag_tokens
from .tokens import tokenize

# Share of letter tokens in one script above which the text counts as written in that script.
SCRIPT_SHARE = 0.9
# A text is code-mixed when its CMI exceeds this and it switches language at least
# CODE_MIXED_MIN_SWITCHES times: one loan word in a 400-word Hindi article gives CMI 0.25 and
# ten give 2.5, while English phrases in most sentences of an article (seed 004) give about 6.
CODE_MIXED_CMI = 4.0
CODE_MIXED_MIN_SWITCHES = 2


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


def _primary(counts: dict[str, int], text: str) -> str:
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


def analyse_language(text: str) -> LanguageInfo:
    """Token counts per tag, script, CMI, switch points, code-mixing and primary language."""
    tokens = tokenize(text)
    tags = tag_tokens(tokens)
    counts = {"hi": 0, "en": 0, "hi-Latn": 0, "univ": 0, "other": 0}
    detailed = []
    for token, tag in zip(tokens, tags, strict=True):
        if tag == "hi" and token_kind(token) == "latn":
            tag = "hi-Latn"
        counts[tag] += 1
        detailed.append(tag)
    index = cmi(counts)
    switches = switch_points(detailed)
    return LanguageInfo(
        primary=_primary(counts, text),  # type: ignore[arg-type]
        script=_script(counts),  # type: ignore[arg-type]
        code_mixed=index > CODE_MIXED_CMI and switches >= CODE_MIXED_MIN_SWITCHES,
        cmi=round(index, 2),
        tokens=counts,
        switch_points=switches,
    )
