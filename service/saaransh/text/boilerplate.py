"""Line-level features that tell page chrome from article prose, in Hindi and English.

The vocabularies are short, generic phrase lists (what news pages in both languages use for
ads, prompts, bylines and link blocks), not lines copied from any one site. Lines are
`normalise_text` output; matching is case-insensitive.
"""

from __future__ import annotations

import re
import unicodedata

from saaransh.text.dates import find_date_strings


def _phrases(s: str) -> frozenset[str]:
    s = unicodedata.normalize("NFC", s)  # the text we match is NFC (नुक्ता decomposed)
    return frozenset(p.strip() for p in re.split(r"[,\n]", s) if p.strip())


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(unicodedata.normalize("NFC", pattern))


# A line that is nothing but one of these is chrome: ad slots, section labels, widget titles.
_LABELS = _phrases("""विज्ञापन, प्रायोजित, advertisement, advertisment, sponsored, ad,
    scroll to continue with content, सार, विस्तार, trending, trending videos, trending now,
    next article, previous article, next story, date updated, updated, एप में पढ़ें,
    ऐप में पढ़ें, follow, followed, share, शेयर करें, comments, टिप्पणियां, टिप्पणियाँ, photos,
    videos, photo, video, live, top stories, highlights, election, elections,
    story continues below this ad, share this article, share this story""")
# Headings of related-links blocks. Trailing ones head a list that runs to the end of the page;
# inline ones ("यह भी पढ़ें") introduce one linked headline inside the article.
TRAILING_MARKERS = _phrases("""you may also like, you might also like, related news,
    related stories, related articles, more from, more stories, more news, recommended,
    recommended stories, most read, latest news, top news, must read, संबंधित खबरें,
    संबंधित ख़बरें, ताजा खबरें, ताज़ा खबरें, सबसे ज्यादा पढ़ी गई, सबसे ज़्यादा पढ़ी गई""")
INLINE_MARKERS = _phrases("""यह भी पढ़ें, ये भी पढ़ें, इसे भी पढ़ें, और पढ़ें, also read, read more,
    read also, yeh bhi padhein, ye bhi padhein, yeh bhi padhen, ye bhi padhe""")

_AGENCIES = r"आईएएनएस|पीटीआई|भाषा|एएनआई|यूएनआई|वार्ता|ians|pti|ani|uni|reuters|afp|ap"
_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    # (reason, pattern, longest line in words it may remove): the longer a line, the more
    # likely it is prose that merely mentions the phrase, so only specific patterns reach far.
    ("image", _re(r"^!\[[^\]]*\]\([^)]*\)$"), 99),
    ("read_more", _re(r"^(?:यह|ये|इसे|इन्हें) भी पढ़ें|^(?:also read|read more|read also)\b"
                      r"|^(?:yeh?|ye|ise) bhi padh(?:ein|en|e)\b"
                      r"|^(?:और )?पढ़ें\s*:|^related\s*:|^संबंधित\s*:"), 40),
    # "… - फोटो : ANI", "Photo: PTI", "… (Photo: PTI)".
    ("caption", _re(r"(?:^|[-–—|(]\s*)(?:file )?(?:फोटो|फ़ोटो|photo|image|चित्र|तस्वीर|pic)\s*:"),
     30),
    ("byline", _re(r"\b(?:published|edited|written|posted|reported|compiled) by\s*:"
                   r"|\bcourtesy\s*:|\bimage (?:source|credit)|\bphoto credit|\bcredit\s*:"
                   r"|द्वारा प्रकाशित|लेखक\s*:|रिपोर्ट\s*:|एडिटेड बाय|पब्लिश्ड बाय"), 30),
    # Imperatives aimed at the reader ("डाउनलोड करें", not "डाउनलोड करने की अपील की").
    ("prompt", _re(r"सब्सक्राइब करें|फ\u093c?ॉलो करें|डाउनलोड करें|\bfollow us|\bsubscribe now"
                   r"|\bdownload (?:the |our )?app|\bstay updated|\bget (?:the )?latest"
                   r"|एड फ्री|\bad[- ]free|\bjoin our|\bsubscribe karein|\bfollow karein"), 40),
    ("prompt", _re(r"सब्सक्राइब|\bsubscribe|\bnewsletter|\bsign up\b|\blog ?in\b"), 8),
    ("tags", _re(r"^(?:tags?|टैग्स?|topics?)\s*:"), 60),
    # Embedded posts: "... pic.twitter.com/x", "— ANI (@ANI) August 5, 2019", "#WATCH | ...",
    # a post's text followed by its link and signature ("... https://t.co/x — Name (@name)").
    ("embed", _re(r"pic\.twitter\.com/|https?://t\.co/|(?:^|\s)[—–]\s*[^()]{1,40}\(@\w+\)"
                  r"|^#\w+\s*\|"), 80),
    # A caption closed by its photo credit: "... ahead of the cremation in Mumbai (AFP)".
    ("caption", _re(rf"\w\s+\((?:{_AGENCIES}|afp|ap|reuters)(?:\s*(?:photo|फोटो))?\)$"), 60),
    # "--आईएएनएस", "(PTI)", and desk initials such as "एमएस/डीकेपी".
    ("signoff", _re(rf"^[-–—\s]*\(?(?:{_AGENCIES})\)?$|^[^\s/\d]{{1,8}}(?:/[^\s/\d]{{1,8}})+$"),
     3),
]
_NAV = re.compile(r"[›»]|\s>\s|\s\|\s.*\s\|\s")  # breadcrumbs and menus: "Home › World › …"
_CAMEL_GLUE = re.compile(r"[a-z][A-Z]")  # "RelationsDefense PartnershipVladimir": glued tags
_TERMINATOR = re.compile(r"[.।॥?!|][\"'”’»)\]]*$")
SIGNOFF_SUFFIX = re.compile(rf"\s*[-–—]{{1,2}}\s*\(?(?:{_AGENCIES})\)?\s*$", re.IGNORECASE)
PROSE_MIN_WORDS = 25  # an unpunctuated line this long is a paragraph, not a heading
VERB_FINAL_MIN_WORDS = 8
# Auxiliaries and perfective forms that close a Hindi clause ("... की मौत हो गयी").
_FINITE_ENDINGS = frozenset(
    "है हैं था थे थी थीं गया गई गए गयी होगा होगी होंगे रहा रही रहे सकता सकती सकते चाहिए "
    "दिया दी दिए किया किए कीं".split()
)


def chrome_reason(line: str) -> str | None:
    """Why `line` is page chrome ("label", "prompt", "nav", ...), or None if it may be content."""
    key = line.strip(" \t-–—:|•*#").lower()
    words = len(line.split())
    if not any(ch.isalpha() for ch in line):
        return "no_letters"
    if key in _LABELS:
        return "label"
    if key in TRAILING_MARKERS or key in INLINE_MARKERS:
        return "related_marker"
    for reason, pattern, max_words in _PATTERNS:
        if words <= max_words and pattern.search(line.lower()):
            return reason
    if not is_prose(line):
        if _NAV.search(line) and words <= 40:
            return "nav"
        if len(_CAMEL_GLUE.findall(line)) >= 2:
            return "tags"
        if words <= 8 and find_date_strings(line):
            return "date_meta"
    return None


# A caption or credit glued into a paragraph: "... lost their lives. FILE PHOTO: A drone ...".
_CHROME_SENTENCE = _re(r"^(?:file )?(?:photo|image|फोटो|फ़ोटो|तस्वीर|चित्र)\s*(?:credit)?\s*:"
                       r"|^(?:courtesy|credit)\s*:")


def chrome_sentence(sentence: str) -> bool:
    """A sentence that is page furniture although it sits inside a prose paragraph."""
    return bool(_CHROME_SENTENCE.search(sentence.lower()))


def is_prose(line: str) -> bool:
    """Ends like a sentence, or is long enough to be a paragraph that lost its full stop, or
    is a Hindi sentence that lost its danda (it ends on a finite verb, as headings rarely do)."""
    words = line.split()
    return (
        bool(_TERMINATOR.search(line.rstrip()))
        or len(words) >= PROSE_MIN_WORDS
        or (len(words) >= VERB_FINAL_MIN_WORDS and words[-1] in _FINITE_ENDINGS)
    )


def marker_kind(line: str) -> str | None:
    """'trailing' or 'inline' if the whole line heads a related-links block."""
    key = line.strip(" \t-–—:|•*#").lower()
    if key in TRAILING_MARKERS:
        return "trailing"
    return "inline" if key in INLINE_MARKERS else None
