from pathlib import Path

import pytest

from saaransh.errors import InvalidInput
from saaransh.text.boilerplate import chrome_reason
from saaransh.text.clean import clean_html, clean_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"

# Chrome that must never survive, in any seed.
FORBIDDEN = [
    "विज्ञापन", "Advertisement", "सब्सक्राइब", "Subscribe", "Follow Us", "फॉलो करें",
    "यह भी पढ़ें", "डाउनलोड करें", "Hindi News ›", "फोटो :", "Courtesy", "Published by",
    "आईएएनएस", "![]", "एमएस/डीकेपी", "Trending Videos", "Next Article", "एप में पढ़ें",
    "You may also like", "Date Updated", "Defense PartnershipVladimir",
]
SEED_001_RELATED = [
    "(अपडेट) बिहार के पटना में ट्रक-ऑटो की टक्कर में 08 की मौत",
    "Type 2 diabetes: टाइप 2 डायबिटीज के मरीजों",
    "20 साल से अधिक पुरानी गाड़ियों के लिए रजिस्ट्रेशन रिन्यू",
    "ट्रंप राष्ट्रपति के लायक नहीं",
    "job news 2025: आरपीएससी ने निकाली हैं",
]

# Per seed: the title, and prose sentences that must survive: the first and the last of the
# article and those next to removed chrome.
EXPECTED = {
    "000": (
        "India-Russia Relations: मॉस्को में राष्ट्रपति पुतिन से मिले जयशंकर, अमेरिकी प्रतिबंध के बीच "
        "रिश्तों पर मंथन",
        [
            "भारतीय विदेश मंत्री डॉ. एस. जयशंकर ने गुरुवार को रूस के राष्ट्रपति व्लादिमीर पुतिन से मुलाकात की।",
            "भारत की कोशिश है कि दोनों देशों के बीच ऊर्जा, रक्षा, तकनीक और व्यापारिक सहयोग को नए स्तर पर "
            "ले जाया जाए।",
            "विदेश मंत्री मंगलवार को मॉस्को पहुंचे थे।",
            "इस मुलाकात से पहले जयशंकर ने रूस के विदेश मंत्री सर्गेई लावरोव के साथ विस्तृत चर्चा की।",
            "इन रिश्तों को भू-राजनीतिक समानता, नेताओं के बीच लगातार संपर्क और जनता की आपसी भावनाएं मजबूत "
            "करती रही हैं।'",
            "जयशंकर और लावरोव की बातचीत में सबसे खास जोर व्यापार पर रहा।",
            "भारत रूस से तेल, कोयला और रक्षा उपकरण ज्यादा आयात करता है, लेकिन अपने उत्पादों का निर्यात कम "
            "कर पाता है।",
            "रूसी राष्ट्रपति की भारत यात्रा लगभग तय मानी जा रही है।",
            "मौजूदा समय में जब दुनिया के हालात बदल रहे हैं, भारत और रूस फिर से अपने रिश्तों को नए आयाम "
            "देने की कोशिश कर रहे हैं।",
        ],
    ),
    "001": (
        None,
        [
            "मास्को, 22 अगस्त (Udaipur Kiran News). भारत के विदेश मंत्री डॉ. एस जयशंकर ने गुरुवार को",
            "डॉ. जयशंकर रूस की तीन दिवसीय यात्रा पर मंगलवार को मास्को पहुंचे थे.",
            "लावरोव ने भारत-रूस संबंधों को ‘विशेष रणनीतिक साझेदारी’ बताया.",
            "यह कदम रूस पर आर्थिक दबाव बनाने के लिए उठाया गया है.",
        ],
    ),
    "002": (
        "भारत-रूस के बीच द्विपक्षीय संबंधों को मजबूत करने पर चर्चा, जयशंकर ने रूसी विदेश मंत्री लावरोव "
        "से की मुलाकात",
        [
            "Jaishankar meets Russian FM Lavrov: केंद्रीय विदेश मंत्री एस. जयशंकर ने गुरुवार को मॉस्को में "
            "रूसी विदेश मंत्री सर्गेई लावरोव से मुलाकात की.",
            "दोनों देश द्विपक्षीय व्यापार में विविधता लाने और संयुक्त उद्यमों को बढ़ावा देने पर सहमत हुए.",
            "रूसी विदेश मंत्री सर्गेई लावरोव ने कहा कि आज का दौर बहुध्रुवीय विश्व व्यवस्था का है.",
            "इस पृष्ठभूमि में जयशंकर की यह यात्रा और भी महत्वपूर्ण हो जाती है.",
            "जयशंकर मंगलावर से तीन दिवसीय मॉस्को यात्रा पर पहुंचें है.",
            "साल के अंत में होने वाला शिखर सम्मेलन इस दिशा में एक बड़ा कदम होगा.",
        ],
    ),
    "003": (
        "India Russia Friendship : पुतिन के भारत दौरे की क्रेमलिन ने शुरू की तैयारी, दोनों देशों की "
        "दशकों पुरानी दोस्ती बेहद खास",
        [
            "मॉस्को: भारत और रूस के बीच की दोस्ती दशकों पुरानी और अटूट है।",
            "हमें उम्मीद है कि यह एक सार्थक यात्रा होगी।\"",
            "दूसरी ओर भारत इस समूह के वैश्विक हितों के बारे में विश्व पटल पर आवाज उठा रहा है।",
        ],
    ),
    "004": (
        None,
        [
            "मास्को, 18 नवंबर . India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.",
            "बता दें कि दिसंबर में President व्लादिमीर पुतिन India का दौरा करने वाले हैं.",
            "इससे पहले, India के विदेश मंत्री ने 19-21 अगस्त 2025 तक रूस का दौरा किया था.",
            "उन्होंने प्रमुख विद्वानों और थिंक टैंकों से भी बातचीत की.",
        ],
    ),
}


def _seed(sid: str) -> str:
    return next(SEEDS.glob(f"{sid}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("sid", sorted(EXPECTED))
def test_seed_chrome_removed_and_prose_kept(sid: str) -> None:
    title, must_keep = EXPECTED[sid]
    result = clean_text(_seed(sid))
    for line in result.text.split("\n"):
        for bad in FORBIDDEN + SEED_001_RELATED:
            assert bad not in line, (sid, bad)
    for sentence in must_keep:
        assert sentence in result.text, (sid, sentence)
    assert result.title == title
    if title:
        assert title not in result.text
    assert "\n\n\n" not in result.text and result.text == result.text.strip()


def test_summary_copy_dropped_body_copy_kept() -> None:
    # Seed 000's "सार" block and seed 002's standfirst restate the lede: one copy, the body's.
    lede_000 = "इस बैठक में दोनों देशों के बीच रिश्तों को और मजबूत बनाने के तरीकों पर चर्चा हुई।"
    assert clean_text(_seed("000")).text.count(lede_000) == 1
    assert clean_text(_seed("000")).text.startswith("भारतीय विदेश मंत्री")
    dek_002 = "उन्होंने कहा कि हम अपने नेताओं के मार्गदर्शन में विशेष रणनीतिक साझेदारी को और मजबूत"
    text_002 = clean_text(_seed("002")).text
    assert text_002.count("जयशंकर ने बताया कि यह मुलाकात न केवल") == 1
    assert dek_002 in text_002  # the body paragraph, not the standfirst, was kept


def test_a_standfirst_above_the_dateline_is_set_apart() -> None:
    # Seed 003: the dek line sits above the story, which opens "मॉस्को: ...".
    result = clean_text(_seed("003"))
    assert result.standfirst == "पुतिन दिसंबर में भारत दौरे पर, रक्षा और व्यापारिक सहयोग पर होगी चर्चा।"
    assert result.standfirst not in result.text
    assert result.text.startswith("मॉस्को: भारत और रूस")
    # Seeds with no paragraph above their dateline keep every paragraph.
    assert clean_text(_seed("001")).standfirst is None
    assert clean_text(_seed("001")).text.startswith("मास्को, 22 अगस्त")


@pytest.mark.parametrize(
    ("sid", "hint"),
    [("000", "Updated Thu, 21 Aug 2025 08:40 PM IST"), ("001", None), ("002", None),
     ("003", "date 2025-11-11"), ("004", None)],
)
def test_date_hint_from_chrome(sid: str, hint: str | None) -> None:
    assert clean_text(_seed(sid)).date_hint == hint


# Chrome lines written for this test (not copied from the seeds), and prose that must pass.
LINES = [
    ("Advertisement", "label"),
    ("विज्ञापन", "label"),
    ("Sponsored", "label"),
    ("सार", "label"),
    ("Home › Sports › Cricket", "nav"),
    ("होम » राज्य » बिहार", "nav"),
    ("सब्सक्राइब करें और पाएं हर खबर", "prompt"),
    ("हमें फॉलो करें:", "prompt"),
    ("Download the app for breaking news", "prompt"),
    ("Edited by: Neha Gupta", "byline"),
    ("Courtesy: X/@narendramodi", "byline"),
    ("प्रधानमंत्री का रोड शो - फोटो : पीटीआई", "caption"),
    ("The Prime Minister in Varanasi. (Photo: PTI)", "caption"),
    ("ये भी पढ़ें: बिहार चुनाव में किसकी बनेगी सरकार", "read_more"),
    ("Also Read | Sensex jumps 500 points", "read_more"),
    ("Tags: Bihar Election, Nitish Kumar", "tags"),
    ("Bihar ElectionNitish KumarTejashwi YadavNDA", "tags"),
    ("(भाषा)", "signoff"),
    ("-- PTI", "signoff"),
    ("एसके/एबी", "signoff"),
    ("***", "no_letters"),
    ("![photo](https://example.com/a.jpg)", "image"),
    ("Updated 3 March 2024", "date_meta"),
    ("प्रधानमंत्री ने सोमवार को वाराणसी में रोड शो किया।", None),
    ("The Prime Minister held a road show in Varanasi on Monday.", None),
    ("बिहार में नई सरकार का गठन", None),  # heading-like: not chrome by vocabulary
    ("कंपनी के दस लाख ग्राहकों ने नई सेवा को सब्सक्राइब किया है।", None),
    ("उन्होंने लोगों से सरकारी ऐप डाउनलोड करने की अपील की।", None),
    ("Inflation > 6% is above the target band, the governor said.", None),
    # Long prose that mentions a prompt word is not a prompt.
    ("कंपनी ने कहा कि ग्राहक अब केवल एक बटन दबाकर सेवा को सब्सक्राइब कर सकेंगे और इसके लिए उन्हें "
     "किसी शाखा में जाने की जरूरत नहीं होगी, जबकि पुराने ग्राहकों को यह सुविधा अगले महीने से मिलेगी "
     "और इसके लिए कोई अतिरिक्त शुल्क नहीं लिया जाएगा जैसा कि पहले तय किया गया था।", None),
]


@pytest.mark.parametrize(("line", "reason"), LINES, ids=[x[0][:30] for x in LINES])
def test_chrome_reason(line: str, reason: str | None) -> None:
    assert chrome_reason(line) == reason


def test_english_fixture() -> None:
    result = clean_text((FIXTURES / "english_article.txt").read_text(encoding="utf-8"))
    assert result.title == "RBI keeps repo rate unchanged at 5.5%, raises growth forecast to 6.8%"
    assert result.date_hint == "Updated: Oct 01, 2025, 11:32 AM IST"
    assert result.text.startswith("The Reserve Bank of India on Wednesday kept")
    assert result.text.endswith("The next policy meeting is scheduled for December 3-5.")
    for bad in ["Advertisement", "Story continues", "Also Read", "PTI", "Tags:", "Gold prices",
                "Share this", "Photo:", "WhatsApp"]:
        assert bad not in result.text, bad
    assert len(result.text.split("\n\n")) == 5


def test_romanised_hindi_fixture() -> None:
    result = clean_text((FIXTURES / "romanised_hindi.txt").read_text(encoding="utf-8"))
    assert result.title and result.title.startswith("Mumbai mein bhaari baarish")
    assert result.text.startswith("Mumbai, 19 August (IANS). Mumbai mein somvaar raat")
    assert result.text.endswith("raahat kaarya shuru kiya jaayega.")
    for bad in ["Subscribe", "Yeh bhi padhein", "--IANS", "Follow Us", "Advertisement"]:
        assert bad not in result.text, bad


def test_related_block_ends_at_prose() -> None:
    # A trailing block stops at the first paragraph-length line: article prose after it stays.
    prose = " ".join(["यह लेख का एक लंबा अनुच्छेद है जिसमें कई शब्द हैं।"] * 4)
    raw = f"पहला अनुच्छेद खत्म हुआ।\nYou may also like\nशेयर बाजार में तेजी\n{prose}"
    assert clean_text(raw).text == f"पहला अनुच्छेद खत्म हुआ।\n\n{prose}"


def test_hard_wrapped_text_is_rejoined() -> None:
    paragraph = (
        "The Reserve Bank of India on Wednesday kept its key lending rate unchanged at\n"
        "5.5 per cent for the second meeting in a row, saying the cuts made earlier this\n"
        "year were still working their way through the economy and into bank lending.\n"
    )
    result = clean_text(paragraph + "\n" + paragraph + "\nAdvertisement\n\n" + paragraph)
    assert result.text.split("\n\n")[0] == " ".join(paragraph.split())
    assert len(result.text.split("\n\n")) == 1  # the two identical copies collapse to one


def test_html_fixture() -> None:
    result = clean_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert result.title == "दिल्ली में मानसून की दस्तक, अगले तीन दिन भारी बारिश का अलर्ट"
    assert result.date_hint == "2025-06-29"
    assert result.text.startswith("मौसम विभाग ने रविवार को घोषणा की कि दक्षिण-पश्चिम मानसून")
    assert result.text.endswith("जो 1936 के बाद जून में एक दिन की सबसे ज्यादा बारिश थी।")
    assert "नगर निगम ने कहा है कि मिंटो ब्रिज" in result.text
    for bad in ["विज्ञापन", "Advertisement", "यह भी पढ़ें", "सोने के दाम", "सब्सक्राइब", "होम",
                "You may also like", "डाउनलोड करें", "फोटो :", "Published by"]:
        assert bad not in result.text, bad
    assert result.title not in result.text


@pytest.mark.parametrize("html", ["", "<html><body></body></html>"])
def test_html_without_text_is_invalid_input(html: str) -> None:
    with pytest.raises(InvalidInput):
        clean_html(html)


def test_html_with_only_navigation_gives_empty_text() -> None:
    result = clean_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert result.text == "" and result.title is None
