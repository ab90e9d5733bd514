"""Article text out of scraped pages: chrome out, title and date hints kept aside.

Scraped news arrives one paragraph per line. A line stays in the body only if it reads as
prose (ends like a sentence or is paragraph-long) and no chrome feature fires. Short
unpunctuated lines are headings, captions, labels or headlines: the first one before the
prose is the title; the rest, including the article's own sub-headings, are dropped (they
are not sentences and would surface as fragments in extractive summaries).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from saaransh.text import boilerplate as bp
from saaransh.text.dates import find_date_strings
from saaransh.text.normalise import normalise_text
from saaransh.text.prefixes import furniture_end
from saaransh.text.repeats import covered_paragraphs
from saaransh.text.wraps import unwrap

_HEADLINE_MAX_WORDS = 30  # longer than any headline in a related-links list
_TITLE_WORDS = (3, 40)
_NO_DATE_HINTS = {"related_links", "read_more", "related_marker"}  # other articles' dates
_STANDFIRST_PARAGRAPHS = 2  # a standfirst is a paragraph or two above the story
_STANDFIRST_WORDS = 45


@dataclass
class CleanResult:
    """Clean body (paragraphs joined by a blank line), title, a date seen in chrome, and why."""

    title: str | None
    text: str
    date_hint: str | None = None
    removed: list[str] = field(default_factory=list)
    removed_reasons: list[str] = field(default_factory=list)  # parallel to `removed`
    standfirst: str | None = None  # the page's summary line above the story, when there is one

    def _drop(self, line: str, reason: str) -> None:
        self.removed.append(line)
        self.removed_reasons.append(reason)


def clean_text(raw: str) -> CleanResult:
    """Remove page chrome from scraped article text; keep every prose paragraph."""
    result = CleanResult(title=None, text="")
    kept: list[str] = []  # candidate lines in page order
    block: str | None = None  # inside a related-links block: "trailing" or "inline"
    for line in unwrap(normalise_text(raw).split("\n")):
        if not line:
            continue
        if kind := bp.marker_kind(line):
            block = kind
            result._drop(line, "related_marker")
        elif block and len(line.split()) <= _HEADLINE_MAX_WORDS:
            result._drop(line, "related_links")
            block = "trailing" if block == "trailing" else None  # inline: one headline only
        elif reason := bp.chrome_reason(line):
            block = None
            result._drop(line, reason)
            # A photo's alt text often sits on the line above its caption, word for word.
            if reason == "caption" and kept and kept[-1].rstrip(".। ") in line:
                result._drop(kept.pop(), "caption")
        else:
            block = None
            kept.append(line)

    result.title = _pick_title(kept)
    body: list[str] = []
    seen = {result.title}
    for line in kept:
        if line == result.title:
            continue
        if not bp.is_prose(line):
            result._drop(line, "duplicate" if line in seen else "heading")
        elif line in seen:
            result._drop(line, "duplicate")
        else:
            body.append(bp.SIGNOFF_SUFFIX.sub("", line))
        seen.add(line)
    for index in sorted(covered_paragraphs(body), reverse=True):
        result._drop(body.pop(index), "repeats_body")
    body = _standfirst_apart(body, result)

    result.text = "\n\n".join(body)
    result.date_hint = next(
        (hit for line, why in zip(result.removed, result.removed_reasons, strict=True)
         if why not in _NO_DATE_HINTS for hit in find_date_strings(line)),
        None,
    )
    return result


def clean_html(html: str) -> CleanResult:
    """Extract the article from an HTML page with trafilatura, then clean leftover chrome."""
    from saaransh.text.html import extract_article  # keeps trafilatura off the text-only path

    extracted = extract_article(html)
    result = clean_text(extracted.text)
    # The page's own metadata beats what the line heuristics guess from the body.
    if extracted.title:
        result.title = normalise_text(extracted.title)
    result.date_hint = extracted.date or result.date_hint
    return result


def _standfirst_apart(body: list[str], result: CleanResult) -> list[str]:
    """A story starts at its dateline ("मॉस्को: ...", "New Delhi, June 4 (PTI) ..."): a short
    paragraph above the one that opens with it is the page's standfirst, not the story. It
    goes to `result.standfirst`, where it guides summaries instead of opening them."""
    for k in range(1, _STANDFIRST_PARAGRAPHS + 1):
        if k >= len(body) or furniture_end(body[k]) == 0:
            continue
        above = body[:k]
        if all(furniture_end(p) == 0 and len(p.split()) <= _STANDFIRST_WORDS for p in above):
            result.standfirst = " ".join(above)
            for paragraph in above:
                result._drop(paragraph, "standfirst")
            return body[k:]
    return body


def _pick_title(lines: list[str]) -> str | None:
    # A headline sits above the first paragraph and does not end with a full stop.
    for line in lines:
        if bp.is_prose(line):
            return None
        if _TITLE_WORDS[0] <= len(line.split()) <= _TITLE_WORDS[1]:
            return line
    return None
