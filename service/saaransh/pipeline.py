"""Analysis of one article: raw document -> clean text, sentences, language, date."""

from __future__ import annotations

import datetime as dt

from .article import Article, RawDocument, SentenceInfo
from .errors import InvalidInput
from .language import analyse_sentences
from .text.boilerplate import chrome_sentence
from .text.clean import clean_html, clean_text
from .text.dates import find_published_date
from .text.normalise import normalise_text
from .text.sentences import split_text


def analyse(
    raw: RawDocument,
    *,
    reference_date: dt.date | None = None,
    max_chars: int | None = None,
    max_sentence_chars: int | None = None,
    max_sentences: int | None = None,
) -> Article:
    """Clean and analyse `raw`. Raises InvalidInput when nothing of an article is left.

    `reference_date` (else `raw.reference_date`) gives a year to dates written without one.
    `max_sentence_chars` and `max_sentences` bound the work per article (see Settings): a
    longer "sentence" is cut into marked pieces, and sentences past the cap are not read.
    """
    if reference_date is None and raw.reference_date:
        reference_date = dt.date.fromisoformat(raw.reference_date)
    if max_chars is not None and len(raw.body) > max_chars:
        raise InvalidInput(f"field 'text' is longer than the limit of {max_chars} characters")
    body = normalise_text(raw.body)
    cleaned = clean_html(body) if raw.format == "html" else clean_text(body)
    if not cleaned.text.strip():
        raise InvalidInput("field 'text' holds no article text after cleaning")
    title = normalise_text(raw.title).strip() if raw.title else cleaned.title
    split = split_text(cleaned.text, max_chars=max_sentence_chars, max_sentences=max_sentences)
    split = [s for s in split if not chrome_sentence(s.text)]
    sentences = [s.text for s in split]
    language, per_sentence = analyse_sentences(sentences, title)
    info = [
        SentenceInfo(lang=lang, cmi=index, paragraph=s.paragraph, whole=s.whole)
        for s, (lang, index) in zip(split, per_sentence, strict=True)
    ]
    return Article(
        id=raw.id,
        title=title or None,
        text=cleaned.text,
        sentences=sentences,
        language=language,
        published_at=_published_date(raw, cleaned, reference_date),
        url=raw.url,
        sentence_info=info,
        standfirst=_standfirst(raw, cleaned.standfirst),
    )


def _standfirst(raw: RawDocument, found: str | None) -> str | None:
    # The caller's standfirst wins over one found above the story's dateline.
    given = normalise_text(raw.standfirst).strip() if raw.standfirst else ""
    return given or found


def _published_date(raw: RawDocument, cleaned, reference: dt.date | None) -> dt.date | None:
    # Caller metadata wins over anything found in the text.
    if raw.published_at:
        given = find_published_date(raw.published_at, reference=reference)
        if given is None:
            raise InvalidInput("field 'published_at' is not a recognisable date")
        return given
    hints = [cleaned.date_hint] if cleaned.date_hint else []
    return find_published_date(cleaned.text, hints=hints, reference=reference)
