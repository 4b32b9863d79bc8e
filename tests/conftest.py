"""Shared fixtures: paths of the repository and the shipped corpus.

Tests run from any working directory; paths are resolved from this file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GOLD = Path(__file__).resolve().parent / "gold"

os.environ.setdefault("MPLBACKEND", "Agg")
# the analysis cache of a test run starts empty and stays out of the working tree
os.environ.setdefault("CYBERLIB_CACHE", tempfile.mkdtemp(prefix="cyberlib-test-cache-"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    return ARTICLES


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def corpus():
    """The shipped corpus, loaded once per test session (do not mutate)."""
    from cyberlib import load_corpus

    return load_corpus(ARTICLES)


@pytest.fixture(autouse=True, scope="session")
def _run_from_root():
    """Doctests and tests name data/articles relative to the repository root."""
    old = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(old)
