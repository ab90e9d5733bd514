"""Per-family conventions: how to phrase the encoder input and pick the output language.

One small class per checkpoint family. The backend asks a convention four things:
which (target, source) pairs it can write, the encoder text of an item, the
generate() kwargs that select the target language, and which items may share one
generate() call (`batch_key`: the language mechanism must be the same for all).
"""

from __future__ import annotations

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

    def target_kwargs(self, target: str) -> dict:
        return {}

    def batch_key(self, item: GenItem) -> tuple:
        return (item.task, item.target_lang)

    def prepare(self, item: GenItem) -> None:
        """Set tokenizer state shared by one batch (source language codes)."""

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

    def target_kwargs(self, target: str) -> dict:
        return {"decoder_start_token_id": self.lang_ids[target]}

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

    def target_kwargs(self, target: str) -> dict:
        # The tokenizer's own eos is [SEP]; the model was trained with </s>.
        return {
            "decoder_start_token_id": self.tags[target],
            "bos_token_id": self.bos,
            "eos_token_id": self.eos,
            "forced_eos_token_id": self.eos,
            "pad_token_id": self.tokenizer.pad_token_id,
        }

    def strip_ids(self) -> set[int]:
        return {*self.tags.values(), self.bos, self.eos}


class LangCodeConvention(Convention):
    """mBART-50 / NLLB: tokenizer.src_lang tags the source, forced_bos_token_id the target."""

    CODES: dict[str, str] = {}

    def __init__(self, spec: ModelSpec, tokenizer, config) -> None:
        super().__init__(spec, tokenizer, config)
        self.code_ids = {lang: self.token_id(code) for lang, code in self.CODES.items()}

    def can_write(self, target: str, source: str) -> bool:
        # The same architecture serves both roles: a translation checkpoint (role
        # "translator") must not be asked to summarise, a summarisation fine-tune can
        # write any language it has a code for.
        return self.spec.role == "summariser" and {source, target} <= set(self.code_ids)

    def can_translate(self, source: str, target: str) -> bool:
        return source != target and {source, target} <= set(self.code_ids)

    def batch_key(self, item: GenItem) -> tuple:
        return (item.task, item.source_lang, item.target_lang)

    def prepare(self, item: GenItem) -> None:
        self.tokenizer.src_lang = self.CODES[item.source_lang]

    def target_kwargs(self, target: str) -> dict:
        return {"forced_bos_token_id": self.code_ids[target]}


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
