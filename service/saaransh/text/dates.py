"""Publication date of an article: regexes find candidates, dateparser parses them.

Order of trust: caller/metadata hints, then an explicit "Updated/Published/date" stamp near
the top, then a dateline ("मास्को, 22 अगस्त"), then a full date standing on a short line of its
own near the top ("Nov 11, 2025, 06:44 AM"). A date inside a sentence ("signed on 27 Oct
1947, ...", "On Friday, July 14, 2023, India launched") is something the article reports,
not when it was written: it never dates the article, it only lends a year.
The clock is never read: a day and month with no year in the text or `reference` give None
here; `find_dateline` hands such a day and month to a caller that knows the stream's dates
(the event clusterer), and `DayMonth.nearest` puts it in the year nearest to them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import dateparser

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    "|जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|अप्रेल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर"
    "|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर"
)
_MONTHS = unicodedata.normalize("NFC", _MONTHS)  # matches NFC text (फ़ is stored decomposed)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*"
# An embedded post signs with its date: "— ANI (@ANI) August 5, 2019".
_KEYWORD = r"(?:\(@\w{1,15}\)|last\s+updated|updated(?:\s+on)?|published(?:\s+on)?|posted(?:\s+on)?|dated?|प्रकाशित|अपडेटेड|अपडेट|दिनांक|तारीख)"  # noqa: E501

_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_DMY = rf"(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTHS})\.?,?\s+(?P<dy>\d{{4}})"
_MDY = rf"(?P<mm>{_MONTHS})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"
_NUM = r"(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>\d{4})"  # Indian order: day first
_FULL = re.compile(rf"(?<!\d)(?:{_ISO}|{_DMY}|{_MDY}|{_NUM})(?!\d)", re.IGNORECASE)
_STAMP = re.compile(
    rf"{_KEYWORD}\s*:?\s*(?:{_WEEKDAY})?(?:{_FULL.pattern})"
    r"(?:,?\s*\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s*[A-Z]{2,4}\b)?)?",
    re.IGNORECASE,
)
# "मास्को, 22 अगस्त (Agency)." / "MOSCOW, Aug 22 (Reuters) -": place, then day and month.
_DATELINE = re.compile(
    rf"^[^\W\d][^\n,।.]{{1,30}},\s*(?:(?P<ld>\d{{1,2}})\s+(?P<lm>{_MONTHS})|(?P<lm2>{_MONTHS})\.?"
    rf"\s+(?P<ld2>\d{{1,2}}))(?!\d)(?:,?\s+(?P<ly>\d{{4}}))?",
    re.IGNORECASE | re.MULTILINE,
)
# "22 अगस्त", "22nd August", "Aug. 22": a day and month anywhere in the text.
_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTHS})(?![\w\u0900-\u097F])"
    rf"|(?<![\w\u0900-\u097F])(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)",
    re.IGNORECASE,
)
_HINDI_MONTHS = {
    unicodedata.normalize("NFC", name): number
    for number, names in enumerate(
        ["जनवरी", "फ़रवरी फरवरी", "मार्च", "अप्रैल अप्रेल", "मई", "जून", "जुलाई", "अगस्त",
         "सितंबर सितम्बर", "अक्टूबर अक्तूबर", "नवंबर नवम्बर", "दिसंबर दिसम्बर"], 1)
    for name in names.split()
}  # fmt: skip
_ENGLISH_MONTHS = {name: n for n, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}  # fmt: skip
_BARE_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_TOP_CHARS = 800  # "near the top": the headline block and the first paragraph
# A line with a full date and at most this many other words is a date stamp, not prose:
# "September 02, 2023 12:59 pm | Updated 02:58 pm IST - Bengaluru", "— ANI (@ANI) Aug 5, 2019".
STAMP_LINE_WORDS = 8
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that make a "dateline" prose: "On Friday, July 14", "By 5 pm on Tuesday, July 30".
_NOT_A_PLACE = re.compile(
    r"\b(?:on|by|at|in|since|from|till|until|before|after|last|next|this|(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day)\b|\d|सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार",
    re.IGNORECASE,
)


def find_published_date(
    text: str, *, hints: Iterable[str] = (), reference: dt.date | None = None
) -> dt.date | None:
    """The article's publication date, or None when the text does not say it."""
    text = unicodedata.normalize("NFC", text).translate(_DEVANAGARI_DIGITS)
    hints = [unicodedata.normalize("NFC", h).translate(_DEVANAGARI_DIGITS) for h in hints if h]
    top = text[:_TOP_CHARS]
    for hint in hints:
        if found := _first(_STAMP, hint) or _first(_FULL, hint):
            return found
    if found := _first(_STAMP, top):
        return found
    for source in (*hints, top):
        if m := _dateline(source):
            day, month = m["ld"] or m["ld2"], m["lm"] or m["lm2"]
            if m["ly"]:
                return _parse(day, month, m["ly"])
            return _with_inferred_year(day, month, "\n".join([*hints, text]), reference)
    return next((d for line in top.splitlines() for m in _stamp_dates(line)
                 if (d := _from_full_match(m))), None)  # fmt: skip


@dataclass(frozen=True)
class DayMonth:
    """A day and month without a year ("22 अगस्त")."""

    month: int
    day: int

    def in_year(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:  # 30 February, 29 February outside a leap year
            return None

    def nearest(self, anchor: dt.date) -> dt.date | None:
        """This day and month in the year that puts it nearest to `anchor`."""
        dates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                 if (d := self.in_year(y))]  # fmt: skip
        return min(dates, key=lambda d: (abs((d - anchor).days), d), default=None)


def find_dateline(text: str, *, hints: Iterable[str] = ()) -> DayMonth | None:
    """The day and month of the article's dateline ("मास्को, 22 अगस्त"), year or not."""
    text = unicodedata.normalize("NFC", text).translate(_DEVANAGARI_DIGITS)
    hints = [unicodedata.normalize("NFC", h).translate(_DEVANAGARI_DIGITS) for h in hints if h]
    for source in (*hints, text[:_TOP_CHARS]):
        if m := _dateline(source):
            return _day_month(m["ld"] or m["ld2"], m["lm"] or m["lm2"])
    return None


def _dateline(source: str) -> re.Match[str] | None:
    """The first dateline whose place is a place, not a phrase of a sentence."""
    for m in _DATELINE.finditer(source):
        place = m.group()[: m.group().index(",")]
        if not _NOT_A_PLACE.search(place):
            return m
    return None


def _stamp_dates(line: str) -> list[re.Match[str]]:
    """Full dates of `line` if it is a stamp (a date and a few words), none if it is prose."""
    found = list(_FULL.finditer(line))
    rest = _FULL.sub(" ", line)
    return found if len(_WORD.findall(rest)) <= STAMP_LINE_WORDS else []


def day_months(text: str) -> list[DayMonth]:
    """Every day-and-month the text names ("22 अगस्त", "August 22"), in order, repeats kept."""
    text = unicodedata.normalize("NFC", text).translate(_DEVANAGARI_DIGITS)
    found = (_day_month(m["d"] or m["d2"], m["m"] or m["m2"]) for m in _DAY_MONTH.finditer(text))
    return [d for d in found if d is not None]


def _day_month(day: str, month: str) -> DayMonth | None:
    number = _HINDI_MONTHS.get(month) or _ENGLISH_MONTHS.get(month[:3].lower())
    if number is None or DayMonth(number, int(day)).in_year(2000) is None:  # a leap year
        return None
    return DayMonth(number, int(day))


def find_date_strings(line: str) -> list[str]:
    """Date stamps of `line` ("Updated Thu, 21 Aug 2025 08:40 PM IST", ...): a labelled date, or
    a full date on a short line; a date inside a sentence is not one."""
    line = unicodedata.normalize("NFC", line)
    stamps = [m.group(0) for m in _STAMP.finditer(line)]
    return stamps or [m.group(0) for m in _stamp_dates(line)]


def _first(pattern: re.Pattern[str], source: str) -> dt.date | None:
    for m in pattern.finditer(source):
        if (found := _from_full_match(m)) is not None:
            return found
    return None


def _from_full_match(m: re.Match[str]) -> dt.date | None:
    if m["iy"]:
        return _parse(m["id"], m["im"], m["iy"])
    if m["dd"]:
        return _parse(m["dd"], m["dm"], m["dy"])
    if m["md"]:
        return _parse(m["md"], m["mm"], m["my"])
    return _parse(m["nd"], m["nm"], m["ny"])


def _with_inferred_year(
    day: str, month: str, text: str, reference: dt.date | None
) -> dt.date | None:
    # Prefer years of full dates the article states, then bare years ("2025"); both must not
    # put the dateline after `reference` (a crawl date cannot precede publication).
    full_years = sorted({d.year for m in _FULL.finditer(text) if (d := _from_full_match(m))})
    bare = _BARE_YEAR.findall(text)
    bare_years = sorted(set(bare), key=lambda y: (bare.count(y), y))
    for year in [*reversed(full_years), *(int(y) for y in reversed(bare_years))]:
        found = _parse(day, month, str(year))
        if found and (reference is None or found <= reference):
            return found
    if reference is None:
        return None
    found = _parse(day, month, str(reference.year))
    if found and found > reference:
        found = _parse(day, month, str(reference.year - 1))
    return found


def _parse(day: str, month: str, year: str) -> dt.date | None:
    parsed = dateparser.parse(
        f"{int(day)} {month} {year}" if not month.isdigit() else f"{day}/{month}/{year}",
        languages=["hi", "en"],
        settings={
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month", "year"],
            # Only full dates reach here; a fixed base keeps dateparser away from the clock.
            "RELATIVE_BASE": dt.datetime(2000, 1, 1),
        },
    )
    return parsed.date() if parsed else None
