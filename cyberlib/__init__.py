"""cyberlib: read Vietnamese news about cybercrime with numbers in hand.

The public API is importable from the package itself. Heavy modules (underthesea,
matplotlib, scikit-learn) load only when a function that needs them is first called,
so ``import cyberlib`` stays fast.

>>> import cyberlib
>>> cyberlib.normalize("Toạ đàm về an ninh mạng") == "Tọa đàm về an ninh mạng"
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it (loaded on first attribute access, PEP 562)
_EXPORTS: dict[str, str] = {
    "normalize": "cyberlib.normalization",
    "load_corpus": "cyberlib.corpus",
    "extract_statistics": "cyberlib.figures",
    "to_usd": "cyberlib.currency",
    "tokenize": "cyberlib.tokens",
    "sentences": "cyberlib.tokens",
    "tokenize_corpus": "cyberlib.tokens",
    "theme_scores": "cyberlib.themes",
    "sentence_themes": "cyberlib.themes",
    "keywords": "cyberlib.keywords",
    "entities": "cyberlib.entities",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from cyberlib.corpus import load_corpus
    from cyberlib.currency import to_usd
    from cyberlib.entities import entities
    from cyberlib.figures import extract_statistics
    from cyberlib.keywords import keywords
    from cyberlib.normalization import normalize
    from cyberlib.themes import sentence_themes, theme_scores
    from cyberlib.tokens import sentences, tokenize, tokenize_corpus


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cyberlib' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
