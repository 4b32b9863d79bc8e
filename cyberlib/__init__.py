"""cyberlib: read Vietnamese news about cybercrime with numbers in hand.

The public API is importable from the package itself. Heavy modules (underthesea,
matplotlib, scikit-learn) load only when a function that needs them is first called,
so ``import cyberlib`` stays fast.

The package follows the flow of the data, one subpackage per stage:
``reading`` (files to the corpus frame) -> ``figures`` (statistics frame) and
``language`` (tokens, themes, keywords, entities) -> ``comparison`` (frames that compare
articles) -> ``plots`` (charts) -> ``report`` (HTML). ``normalization`` and ``resources``
are the ground every stage stands on; ``cli`` sits on top. A stage imports only the
stages before it.

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
    "load_corpus": "cyberlib.reading.corpus",
    "extract_statistics": "cyberlib.figures.extraction",
    "to_usd": "cyberlib.figures.currency",
    "tokenize": "cyberlib.language.tokens",
    "sentences": "cyberlib.language.tokens",
    "tokenize_corpus": "cyberlib.language.tokens",
    "theme_scores": "cyberlib.language.themes",
    "sentence_themes": "cyberlib.language.themes",
    "relevance_evidence": "cyberlib.language.relevance",
    "keywords": "cyberlib.language.keywords",
    "entities": "cyberlib.language.entities",
    "analyze": "cyberlib.pipeline.run",
    "read_analysis": "cyberlib.pipeline.store",
    "align_figures": "cyberlib.comparison.align",
    "duplicates": "cyberlib.comparison.duplicates",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from cyberlib.comparison.align import align_figures
    from cyberlib.comparison.duplicates import duplicates
    from cyberlib.figures.currency import to_usd
    from cyberlib.figures.extraction import extract_statistics
    from cyberlib.language.entities import entities
    from cyberlib.language.keywords import keywords
    from cyberlib.language.relevance import relevance_evidence
    from cyberlib.language.themes import sentence_themes, theme_scores
    from cyberlib.language.tokens import sentences, tokenize, tokenize_corpus
    from cyberlib.normalization import normalize
    from cyberlib.pipeline.run import analyze
    from cyberlib.pipeline.store import read_analysis
    from cyberlib.reading.corpus import load_corpus


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cyberlib' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
