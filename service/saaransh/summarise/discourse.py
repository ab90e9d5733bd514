"""Which sentences stand on their own in a summary, and which travel together.

An extract reads badly when a sentence only makes sense after the one before it ("उन्हें
आगामी शिखर सम्मेलन की तैयारियों से अवगत कराया.", "इस दौरान ...", "He said ..."), or when a
quote is cut from its frame or ends half-way. So sentences are grouped into units:
- a quote that runs over several sentences is one unit, taken whole or not at all; a quote
  still open at the end of its paragraph makes its unit unusable;
- a unit whose first sentence leans on its predecessor (an anaphoric or connective opener,
  a Hindi perfective verb whose subject was dropped, or first-person speech outside quotes
  with no speech verb of its own) names that predecessor in `needs`: the summariser may
  take it only right after that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_OPENERS_HI = frozenset(
    # Pronouns and demonstratives that point back, and connectives that continue.
    "उन्होंने उन्हें उनके उनकी उनका उनको उनसे उसने उसे उसके उसकी उसका उसको उससे इन्होंने इन्हें "
    "इनके इनकी इनका इनको वह वे ये यह इसे इसके इसकी इसका इसको इसमें इससे इस उस इन उन इसी उसी "
    "वहीं वहां यहां तब फिर लेकिन मगर परंतु परन्तु किंतु किन्तु हालांकि हालाँकि इसलिए इसीलिए "
    "क्योंकि और तथा एवं साथ अतः यानी दूसरी".split()
)
_POINTERS_HI = frozenset("उन्होंने उन्हें उसने उसे इन्होंने इन्हें".split())  # within 3 words
# A bare demonstrative as the subject right before the verb: "... में भी यह दिखा।"
_POINTERS_END = frozenset("यह ये वह वे इसे उसे".split())
_OPENERS_EN = frozenset(
    "he she they it his her their its this that these those such but and however also "
    "meanwhile besides moreover furthermore still yet so then thus hence therefore later "
    "earlier there here him them".split()
)
# Perfective transitive verbs: in Hindi their subject takes "ने"; without one it was dropped.
_PERFECTIVE = frozenset(
    "किया की किए कीं कराया कराई कराए करवाया करवाई दिया दी दिए दीं लिया ली लिए लीं कहा बताया बताई "
    "बताए पहुंचाया पहुँचाया सराहा जताया जताई दोहराया".split()
)
_PASSIVE = frozenset("गया गई गए गयी जाएगा जाएगी जाएंगे".split())
_ERGATIVE = frozenset(  # "ने" fused with a pronoun
    "उन्होंने इन्होंने जिन्होंने किन्होंने मैंने हमने आपने तुमने उसने इसने जिसने किसने सबने".split()
)
_FIRST_PERSON = frozenset(
    "मैं मैंने मुझे मेरा मेरी मेरे हम हमने हमें हमारा हमारी हमारे i me my we our us".split()
)
# Python's \b fails after a Devanagari vowel sign ("कहा" ends in one): end on a non-letter.
_SPEECH = re.compile(r"(?:कहा|बताया|लिखा|पोस्ट किया|कहना है|बोले|said|says|told|wrote|added|"
                     r"tweeted|posted)(?![\w\u0900-\u097F])")
_REMINDER = re.compile(r"^\s*(?:बता दें|बता दे|गौरतलब है|उल्लेखनीय है|ज्ञात हो)\s*(?:कि|,)?\s*")
_WORD = re.compile(r"[\w\u0900-\u097F]+(?:['’][a-z]+)?")
_TERMINATED = re.compile(r"[.।॥?!][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Unit:
    """Sentence ids taken together, in order; `needs` must be taken right before them."""

    ids: tuple[int, ...]
    needs: int | None = None
    closed: bool = True  # False: a quote in it is still open where its paragraph ends


def units(sentences: Sequence[str], paragraphs: Sequence[int] | None = None) -> list[Unit]:
    """Group `sentences` (one article, in order) into units; see the module docstring."""
    paragraphs = paragraphs if paragraphs is not None else [0] * len(sentences)
    out: list[Unit] = []
    current: list[int] = []
    inside = ""  # quotes opened earlier in this paragraph and still open
    for i, sentence in enumerate(sentences):
        new_paragraph = i > 0 and paragraphs[i] != paragraphs[i - 1]
        if current and (not inside or new_paragraph):
            out.append(_unit(current, sentences, closed=not inside))
            current = []
        if new_paragraph:
            inside = ""
        current.append(i)
        inside = open_quotes(sentence, inside)
    if current:
        out.append(_unit(current, sentences, closed=not inside))
    return out


def _unit(ids: list[int], sentences: Sequence[str], closed: bool) -> Unit:
    first = ids[0]
    leans = first > 0 and leans_on_previous(sentences[first])
    return Unit(tuple(ids), first - 1 if leans else None, closed)


def leans_on_previous(sentence: str) -> bool:
    """True when `sentence` only makes sense after the sentence before it."""
    words = _WORD.findall(sentence)
    if not words:
        return False
    head = sentence.lstrip("\"'“”‘’«(")
    if head[:1].isascii() and head[:1].islower():
        return True  # starts mid-sentence
    # "बता दें कि इससे पहले ...": a reminder formula, then the real opener.
    if m := _REMINDER.match(sentence):
        words = _WORD.findall(sentence[m.end() :]) or words
    first = words[0].lower()
    if first in _OPENERS_HI or first in _OPENERS_EN:
        return True
    if any(w in _POINTERS_HI for w in words[:3]):
        return True  # "Tuesday को उन्होंने ..."
    if any(w in _POINTERS_END for w in words[-3:-1]):
        return True
    return _dropped_subject(words) or _unframed_first_person(sentence, words)


def _dropped_subject(words: list[str]) -> bool:
    """"... से अवगत कराया।": a perfective transitive verb and no "ने" anywhere."""
    if words[-1] not in _PERFECTIVE or (len(words) > 1 and words[-2] in _PASSIVE):
        return False
    return not any(w == "ने" or w in _ERGATIVE for w in words)


def _unframed_first_person(sentence: str, words: list[str]) -> bool:
    if _SPEECH.search(sentence) or sentence.lstrip()[:1] in "\"'“‘":
        return False
    return any(w.lower() in _FIRST_PERSON for w in words)


def open_quotes(sentence: str, before: str = "") -> str:
    """The kinds of quotation open at the end of `sentence` ('"', "'", both or ""), given
    those open at its start.

    Double and single quotes are followed apart (a possessive "scientists'" must not close
    a double-quoted speech). Curly quotes open and close; a straight double quote toggles; a
    straight single quote opens after a space and closes before one, and is an apostrophe
    between two letters ("India's").
    """
    double, single = '"' in before, "'" in before
    for k, ch in enumerate(sentence):
        prev = sentence[k - 1] if k else " "
        nxt = sentence[k + 1] if k + 1 < len(sentence) else " "
        if ch == "“":
            double = True
        elif ch == "”":
            double = False
        elif ch == '"':
            double = not double
        elif ch in "'‘’" and not (prev.isalnum() and nxt.isalnum()):
            if ch == "‘" or (ch == "'" and (prev.isspace() or prev in "(—–-")):
                single = True
            elif single and (nxt.isspace() or not nxt.isalnum()):
                single = False
    return ('"' if double else "") + ("'" if single else "")


def is_complete(sentence: str, last: bool) -> bool:
    """False for the article's last sentence when it stops without a full stop: scraped
    excerpts are often cut mid-sentence ("... after the US, Ch")."""
    return not last or bool(_TERMINATED.search(sentence))
