"""Language analysis: tokens, per-token language tags, code-mixing of a document."""

from .analysis import analyse_language, analyse_sentences, cmi, switch_points
from .tagger import tag_tokens
from .tokens import tokenize

__all__ = [
    "analyse_language",
    "analyse_sentences",
    "cmi",
    "switch_points",
    "tag_tokens",
    "tokenize",
]
