"""Per-family conventions: how to phrase the encoder input and pick the output language.

One small class per checkpoint family, shared by both runtimes (transformers and
ctranslate2). The backend asks a convention: which (target, source) pairs it can
write, the encoder ids of a batch of items (`encode`, source language per call), how
the decoder starts for a target (`decoder_start`: one truth that becomes generate()
kwargs or a ctranslate2 target prefix), and which items may share one model call
(`batch_key`: the decoder start must be the same for all).

A convention is shared by every thread that calls the model, so it holds no
per-call state: nothing here mutates the tokenizer after __init__.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from saaransh.summarise.registry import ModelSpec
from saaransh.summarise.seq2seq.prompts import load_prompt, render


@dataclass(frozen=True)
class GenItem:
    """One encoder input: a chunk to summarise or a text to translate."""

    text: str
    source_lang: str
    target_lang: str
    task: str = "summarise"  # or "translate"
    title: str | None = None

    def with_text(self, text: str) -> GenItem:
        return replace(self, text=text)


@dataclass(frozen=True)
class DecoderStart:
    """How the decoder starts for one target language, whatever the runtime.

    `prefix` is the decoder start token, then any forced first tokens (mBART-50 and
    NLLB force the target code); transformers gets it as decoder_start_token_id and
    forced_bos_token_id, ctranslate2 as the request's target_prefix. `eos` is set
    when the model ends on another token than its tokenizer's eos (IndicBART).
    """

    prefix: tuple[int, ...]
    eos: int | None = None

    def transformers_kwargs(self) -> dict:
        kwargs: dict = {"decoder_start_token_id": self.prefix[0]}
        if len(self.prefix) == 2:
            kwargs["forced_bos_token_id"] = self.prefix[1]
        elif len(self.prefix) > 2:
            raise ValueError("transformers can force only one token after the decoder start")
        if self.eos is not None:
            kwargs["eos_token_id"] = kwargs["forced_eos_token_id"] = self.eos
        return kwargs


class Convention:
    """Generic seq2seq: plain text in, own decoder start; writes its input's language."""

    family = "seq2seq"
    add_special_tokens = True

    def __init__(self, spec: ModelSpec, tokenizer, config) -> None:
        self.spec, self.tokenizer, self.config = spec, tokenizer, config

    def can_write(self, target: str, source: str) -> bool:
        return target == source and target in self.spec.languages

    def can_translate(self, source: str, target: str) -> bool:
        return False

    def encoder_text(self, item: GenItem) -> str:
        return item.text

    def encode(self, texts: list[str], source_lang: str, max_length: int) -> list[list[int]]:
        """Encoder ids per text, cut from the right at `max_length` (never the lede)."""
        return self.tokenizer(
            texts,
            add_special_tokens=self.add_special_tokens,
            truncation=True,
            max_length=max_length,
        )["input_ids"]

    def decoder_start(self, target: str) -> DecoderStart:
        """The checkpoint's own decoder start token; the target is in the input."""
        start = self.config.decoder_start_token_id
        if start is None:
            raise ValueError(f"{self.spec.name}: config has no decoder_start_token_id.")
        return DecoderStart((int(start),))

    def batch_key(self, item: GenItem) -> tuple:
        return (item.task, item.target_lang)

    def strip_ids(self) -> set[int]:
        """Token ids to drop before decoding (language tags the decoder starts with)."""
        return set()

    def token_id(self, token: str) -> int:
        token_id = self.tokenizer.convert_tokens_to_ids(token)
        if token_id is None or token_id == self.tokenizer.unk_token_id:
            raise ValueError(f"{self.spec.name}: tokenizer has no token {token!r} ({self.family}).")
        return token_id


class MonolingualConvention(Convention):
    """mT5-XLSum: summarises in the article's own language only."""

    family = "mt5_xlsum"


class CrossSumConvention(Convention):
    """CrossSum m2m: decoder_start_token_id = the target's langid token (from the config)."""

    family = "crosssum"
    NAMES = {"en": "english", "hi": "hindi"}

    def __init__(self, spec: ModelSpec, tokenizer, config) -> None:
        super().__init__(spec, tokenizer, config)
        langid_map = (config.task_specific_params or {}).get("langid_map")
        if not langid_map:
            raise ValueError(f"{spec.name}: config has no task_specific_params.langid_map.")
        self.lang_ids = {
            code: self.token_id(langid_map[name][1])
            for code, name in self.NAMES.items()
            if name in langid_map and code in spec.languages
        }

    def can_write(self, target: str, source: str) -> bool:
        return target in self.lang_ids

    def decoder_start(self, target: str) -> DecoderStart:
        return DecoderStart((self.lang_ids[target],))

    def strip_ids(self) -> set[int]:
        return set(self.lang_ids.values())


class IndicBartConvention(Convention):
    """IndicBART: encoder 'text </s> <2xx>', decoder starts with the target's <2yy> tag."""

    family = "indicbart"
    add_special_tokens = False  # the model card tokenizes with add_special_tokens=False

    def __init__(self, spec: ModelSpec, tokenizer, config) -> None:
        super().__init__(spec, tokenizer, config)
        self.tags = {code: self.token_id(f"<2{code}>") for code in ("en", "hi")}
        self.bos, self.eos = self.token_id("<s>"), self.token_id("</s>")

    def encoder_text(self, item: GenItem) -> str:
        return f"{item.text} </s> <2{item.source_lang}>"

    def decoder_start(self, target: str) -> DecoderStart:
        # The tokenizer's own eos is [SEP]; the model was trained with </s>.
        return DecoderStart((self.tags[target],), eos=self.eos)

    def strip_ids(self) -> set[int]:
        return {*self.tags.values(), self.bos, self.eos}


class LangCodeConvention(Convention):
    """mBART-50 / NLLB: a source code tags the input, the target code is forced after the
    decoder start (forced_bos_token_id)."""

    CODES: dict[str, str] = {}

    def __init__(self, spec: ModelSpec, tokenizer, config) -> None:
        super().__init__(spec, tokenizer, config)
        self.code_ids = {lang: self.token_id(code) for lang, code in self.CODES.items()}
        # One private tokenizer per source language, its src_lang set once here: setting
        # src_lang on the shared tokenizer per batch would race between threads. The
        # tokenizer itself places the code (NLLB's legacy layout puts it last).
        self.source_tokenizers = {}
        for lang, code in self.CODES.items():
            own = copy.deepcopy(tokenizer)
            own.src_lang = code
            self.source_tokenizers[lang] = own

    def can_write(self, target: str, source: str) -> bool:
        # The same architecture serves both roles: a translation checkpoint (role
        # "translator") must not be asked to summarise, a summarisation fine-tune can
        # write any language it has a code for.
        return self.spec.role == "summariser" and {source, target} <= set(self.code_ids)

    def can_translate(self, source: str, target: str) -> bool:
        return source != target and {source, target} <= set(self.code_ids)

    def encode(self, texts: list[str], source_lang: str, max_length: int) -> list[list[int]]:
        tokenizer = self.source_tokenizers[source_lang]
        return tokenizer(texts, truncation=True, max_length=max_length)["input_ids"]

    def decoder_start(self, target: str) -> DecoderStart:
        start = super().decoder_start(target).prefix[0]
        return DecoderStart((start, self.code_ids[target]))


class MBart50Convention(LangCodeConvention):
    family = "mbart50"
    CODES = {"en": "en_XX", "hi": "hi_IN"}


class NllbConvention(LangCodeConvention):
    family = "nllb"
    CODES = {"en": "eng_Latn", "hi": "hin_Deva"}


class PromptConvention(Convention):
    """mT0 / Aya-101: the task and target language are written into the prompt."""

    family = "prompt"
    DEFAULT_PROMPTS = {"summarise": "summarise_{target}", "translate": "translate_{target}"}

    def __init__(self, spec: ModelSpec, tokenizer, config) -> None:
        super().__init__(spec, tokenizer, config)
        patterns = {**self.DEFAULT_PROMPTS, **spec.prompts}
        # Load every template now so a missing one fails at start-up, not mid-batch.
        self.templates = {
            (task, lang): load_prompt(pattern.format(target=lang))
            for task, pattern in patterns.items()
            for lang in spec.languages
        }

    def can_write(self, target: str, source: str) -> bool:
        return target in self.spec.languages

    def can_translate(self, source: str, target: str) -> bool:
        return source != target and {source, target} <= set(self.spec.languages)

    def encoder_text(self, item: GenItem) -> str:
        return render(self.templates[(item.task, item.target_lang)], item.text, item.title)


CONVENTIONS: dict[str, type[Convention]] = {
    "seq2seq": Convention,
    "mt5_xlsum": MonolingualConvention,
    "crosssum": CrossSumConvention,
    "indicbart": IndicBartConvention,
    "mbart50": MBart50Convention,
    "nllb": NllbConvention,
    "prompt": PromptConvention,
}
