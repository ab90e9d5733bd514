"""Tiny random checkpoints with the config and tokenizer structure of the real ones.

Each `build_tiny_*(dir)` writes a folder that `transformers` loads exactly like the
published checkpoint (same model class, same tokenizer class and special-token
layout, CrossSum's `langid_map`, IndicBART's `<2xx>` added tokens, mBART-50 and
NLLB language codes), but with a ~500-piece SentencePiece vocabulary trained on
the seed articles and a 32-wide, 2-layer random network, so the whole set builds
in a few seconds and generates in milliseconds. Weights are random: outputs are
gibberish, which is fine for testing plumbing (language mechanism, batching,
chunking), never for quality.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import sentencepiece as spm
import torch

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
VOCAB = 500

# CrossSum's config maps XL-Sum language names to [index, sentencepiece piece].
CROSSSUM_LANGID_MAP = {
    "bengali": [2, "▁<extra_id_2>"],
    "english": [9, "▁<extra_id_9>"],
    "hindi": [13, "▁<extra_id_13>"],
    "nepali": [21, "▁<extra_id_21>"],
    "urdu": [39, "▁<extra_id_39>"],
}
ENGLISH = (
    "The foreign minister met the president in Moscow on Thursday. "
    "Both countries discussed trade, energy and defence cooperation. "
    "Officials said the talks would continue next month in New Delhi. "
    "Prices of oil and gas rose sharply after the announcement. "
)


def corpus() -> list[str]:
    """Seed articles plus some English: enough to train a small vocabulary."""
    lines = [ln for p in sorted(SEEDS_DIR.glob("*.txt")) for ln in p.read_text().splitlines()]
    return [ln for ln in lines if ln.strip()] + [ENGLISH] * 20


def train_spm(**options) -> bytes:
    """Train a tiny SentencePiece model; character_coverage=1.0 keeps every Devanagari sign."""
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()),
        model_writer=buf,
        vocab_size=VOCAB,
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
        **options,
    )
    return buf.getvalue()


def _save_model(model, directory: Path) -> None:
    model.save_pretrained(directory, safe_serialization=True)


def mt5_config(vocab_size: int, **overrides):
    """A tiny MT5Config; `overrides` replace any field (the benchmark scales it up)."""
    from transformers import MT5Config

    fields = dict(
        vocab_size=vocab_size,
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        relative_attention_num_buckets=8,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=False,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        # 4x mT5's init scale: outputs then depend on the input and vary from step to
        # step, so comparisons between runtimes or batchings compare something.
        initializer_factor=4.0,
    )
    return MT5Config(**{**fields, **overrides})


def _build_mt5(directory: Path, user_symbols: list[str], **config_extra) -> Path:
    from transformers import AutoTokenizer, MT5ForConditionalGeneration

    directory.mkdir(parents=True, exist_ok=True)
    # mT5's layout: <pad>=0, </s>=1, <unk>=2, no <s>.
    proto = train_spm(
        model_type="unigram",
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        user_defined_symbols=user_symbols,
    )
    (directory / "spiece.model").write_bytes(proto)
    # The published tokenizer_config.json of the csebuetnlp checkpoints.
    tok_cfg = {"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>", "extra_ids": 0}
    (directory / "tokenizer_config.json").write_text(json.dumps(tok_cfg))
    mt5_config(VOCAB, **config_extra).save_pretrained(directory)
    tokenizer = AutoTokenizer.from_pretrained(directory)
    torch.manual_seed(0)
    model = MT5ForConditionalGeneration(mt5_config(len(tokenizer), **config_extra)).eval()
    _save_model(model, directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_crosssum(directory: Path) -> Path:
    """mT5 with `task_specific_params.langid_map`, like csebuetnlp/mT5_m2m_crossSum_enhanced."""
    pieces = [token for _, token in CROSSSUM_LANGID_MAP.values()]
    params = {"langid_map": CROSSSUM_LANGID_MAP}
    return _build_mt5(Path(directory), pieces, task_specific_params=params)


def build_tiny_mt5_xlsum(directory: Path) -> Path:
    """Plain mT5, like csebuetnlp/mT5_multilingual_XLSum."""
    return _build_mt5(Path(directory), [])


def build_tiny_mt0(directory: Path) -> Path:
    """Plain mT5 used with prompts, like bigscience/mt0-base."""
    return _build_mt5(Path(directory), [])


INDICBART_TAGS = ["<s>", "</s>", "<2bn>", "<2en>", "<2gu>", "<2hi>", "<2mr>", "<2pa>"]


# Tiny dimensions of every BART-style test model (IndicBART, mBART-50, NLLB).
_TINY_BART = dict(
    d_model=32,
    encoder_layers=2,
    decoder_layers=2,
    encoder_attention_heads=4,
    decoder_attention_heads=4,
    encoder_ffn_dim=64,
    decoder_ffn_dim=64,
    max_position_embeddings=1024,
    init_std=1.0,  # as initializer_factor above: input-dependent, varied outputs
)


def build_tiny_indicbart(directory: Path) -> Path:
    """MBart + Albert SentencePiece tokenizer + `<2xx>` tags, like ai4bharat/IndicBART-XLSum."""
    from transformers import MBartConfig, MBartForConditionalGeneration

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # Albert's layout: <pad>=0, <unk>=1, [CLS]=2, [SEP]=3, [MASK]=4.
    proto = train_spm(
        model_type="unigram",
        pad_id=0,
        unk_id=1,
        bos_id=2,
        eos_id=3,
        pad_piece="<pad>",
        unk_piece="<unk>",
        bos_piece="[CLS]",
        eos_piece="[SEP]",
        user_defined_symbols=["[MASK]"],
    )
    (directory / "spiece.model").write_bytes(proto)
    vocab = spm.SentencePieceProcessor(model_proto=proto).get_piece_size()
    added = {tag: vocab + i for i, tag in enumerate(INDICBART_TAGS)}
    # As published: no tokenizer_class (AutoTokenizer would wrongly pick MBart's).
    tok_cfg = {
        "do_lower_case": False,
        "remove_space": True,
        "keep_accents": True,
        "bos_token": "[CLS]",
        "eos_token": "[SEP]",
        "unk_token": "<unk>",
        "sep_token": "[SEP]",
        "pad_token": "<pad>",
        "cls_token": "[CLS]",
        "mask_token": "[MASK]",
        "use_fast": False,
    }
    (directory / "tokenizer_config.json").write_text(json.dumps(tok_cfg))
    special = {
        **{k: tok_cfg[k] for k in tok_cfg if k.endswith("_token")},
        "additional_special_tokens": INDICBART_TAGS,
    }
    (directory / "special_tokens_map.json").write_text(json.dumps(special))
    (directory / "added_tokens.json").write_text(json.dumps(added))
    config = MBartConfig(
        vocab_size=vocab + len(INDICBART_TAGS),
        **_TINY_BART,
        bos_token_id=added["<s>"],
        eos_token_id=added["</s>"],
        pad_token_id=0,
        decoder_start_token_id=added["<2en>"],
        forced_eos_token_id=2,
        scale_embedding=False,
    )
    torch.manual_seed(0)
    _save_model(MBartForConditionalGeneration(config).eval(), directory)
    return directory


def _fairseq_tokenizer(directory: Path, cls_name: str, src: str, tgt: str):
    import transformers
    from tokenizers import AddedToken

    # sentencepiece defaults (<unk>=0, <s>=1, </s>=2): what the fairseq converters expect.
    proto = train_spm(model_type="bpe")
    (directory / "sentencepiece.bpe.model").write_bytes(proto)
    tok_cfg = {"tokenizer_class": cls_name, "src_lang": src, "tgt_lang": tgt}
    (directory / "tokenizer_config.json").write_text(json.dumps(tok_cfg))
    tokenizer = getattr(transformers, cls_name).from_pretrained(directory)
    # NLLB's converter from a bare .model file leaves the FLORES codes out of the
    # vocabulary; the published tokenizer.json has them, so add them as it does.
    codes = transformers.models.nllb.tokenization_nllb.FAIRSEQ_LANGUAGE_CODES
    if cls_name == "NllbTokenizer":
        tokenizer.add_tokens([AddedToken(c, special=True) for c in codes], special_tokens=True)
        tokenizer.src_lang = src
    tokenizer.save_pretrained(directory)
    return tokenizer


# mBART-50 and NLLB share these ids; only the config class differs between them.
_FAIRSEQ_TINY = dict(
    **_TINY_BART,
    bos_token_id=0,
    pad_token_id=1,
    eos_token_id=2,
    decoder_start_token_id=2,
    scale_embedding=True,
)


def _build_fairseq(directory, tokenizer_cls, codes, config_cls, model_cls, **extra) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = _fairseq_tokenizer(directory, tokenizer_cls, *codes)
    config = config_cls(vocab_size=len(tokenizer), **_FAIRSEQ_TINY, **extra)
    torch.manual_seed(0)
    _save_model(model_cls(config).eval(), directory)
    return directory


def build_tiny_mbart50(directory: Path) -> Path:
    """mBART-50 many-to-many: MBart50Tokenizer with its 52 language codes."""
    from transformers import MBartConfig, MBartForConditionalGeneration

    return _build_fairseq(
        directory, "MBart50Tokenizer", ("en_XX", "hi_IN"), MBartConfig,
        MBartForConditionalGeneration, forced_eos_token_id=2,
    )


def build_tiny_nllb(directory: Path) -> Path:
    """NLLB-200: M2M100 + NllbTokenizer with FLORES-200 codes (eng_Latn, hin_Deva)."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    return _build_fairseq(
        directory, "NllbTokenizer", ("eng_Latn", "hin_Deva"), M2M100Config,
        M2M100ForConditionalGeneration,
    )


BUILDERS = {
    "crosssum": build_tiny_crosssum,
    "mt5_xlsum": build_tiny_mt5_xlsum,
    "indicbart": build_tiny_indicbart,
    "mbart50": build_tiny_mbart50,
    "nllb": build_tiny_nllb,
    "prompt": build_tiny_mt0,
}
