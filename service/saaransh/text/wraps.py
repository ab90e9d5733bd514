"""Lines that a hard wrap broke mid-sentence, joined back before anything reads them.

Wire copy and e-paper text break lines inside sentences; scraped pages put one paragraph
(or one heading) per line. A blank line or a sentence-final mark always ends a sentence. A
single line break inside a sentence does not, but a heading also sits alone on its line
without a full stop, so a line is joined to the next only on evidence that the sentence
goes on: the next line opens with a word no Hindi or English sentence opens with ("की",
"में", a lower-case word), or this line ends on one no sentence or heading ends with
("के", "और", "the", a comma); or the whole text is wrapped at a fixed width.
"""

from __future__ import annotations

import re

from saaransh.text import boilerplate as bp

# Postpositions, particles and auxiliaries: a Hindi sentence never opens with them.
_NO_START = frozenset(
    "का के की को में से ने पर तक और व एवं तथा या है हैं था थे थी थीं गया गई गए गयी हुआ हुई हुए "
    "रहा रही रहे".split()
)
# ...and these never close a sentence or a heading.
_NO_END = frozenset(
    "का के की को में से ने पर तक और व एवं तथा या कि जो जिसमें जिसे "
    "the a an of to in and or with for by at from that which who".split()
)
_TERMINATED = re.compile(r"[.।॥?!:;][\"'”’»)\]]*$")


def continues(line: str, following: str) -> bool:
    """Whether `following` (after one line break) carries on the sentence `line` began."""
    if not line or not following or _TERMINATED.search(line):
        return False
    first = following.split()[0].strip("\"'“”‘’(")
    last = line.split()[-1].lower()
    return (
        first in _NO_START
        or (first[:1].isascii() and first[:1].islower())
        or line.endswith((",", "-", "–"))
        or last in _NO_END
    )


def unwrap(lines: list[str]) -> list[str]:
    """`lines` with wrapped sentences re-joined; blank lines ("") stay paragraph breaks."""
    if _fixed_width(lines):
        return _join_fixed_width(lines)
    out: list[str] = []
    for line in lines:
        if out and continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _fixed_width(lines: list[str]) -> bool:
    """Most lines 50-100 characters and none over 110: the text was wrapped at a width."""
    filled = [ln for ln in lines if ln]
    wrapped = [ln for ln in filled if 50 <= len(ln) <= 100 and not bp.is_prose(ln)]
    return len(filled) >= 5 and max(map(len, filled)) <= 110 and len(wrapped) >= 0.4 * len(filled)


def _join_fixed_width(lines: list[str]) -> list[str]:
    out: list[str] = []
    previous = ""  # the previous physical line: a full-width one without a full stop wraps
    for line in lines:
        if out and previous and line and len(previous) >= 50 and not bp.is_prose(previous):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous = line
    return out
