"""Shared fixtures: paths of the repository and the shipped corpus.

Tests run from any working directory; paths are resolved from this file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GOLD = Path(__file__).resolve().parent / "gold"

os.environ.setdefault("MPLBACKEND", "Agg")

# Property tests: a modest example count in `make test` ("ci"), a long run under
# `make fuzz` (HYPOTHESIS_PROFILE=fuzz). A test that sets max_examples itself keeps it.
# Every failure either run finds stays as an explicit regression test.
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
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


@pytest.fixture
def benchmark_script():
    """A loader of a script of ``benchmarks/`` as a module, by its name, fresh each call
    ("eval_statistics" -> the module of benchmarks/eval_statistics.py)."""
    import importlib.util

    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


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


FAIL_MARKER = "LỖI"


def _failing(real):
    """``real`` (extraction's ``_final_figures``) that raises, as a bug would, at the end of
    any text holding "LỖI", after giving the figures of that text (which must be dropped)."""

    def failing(norm, low):
        yield from real(norm, low)
        if FAIL_MARKER in norm:
            raise IndexError("list index out of range")

    return failing


def fail_on_marker() -> None:
    """Make statistic extraction fail on texts holding "LỖI" for the rest of the process
    (the CLI tests run it in a process of their own)."""
    import cyberlib.figures.extraction as extraction

    extraction._final_figures = _failing(extraction._final_figures)


@pytest.fixture
def failing_extraction(monkeypatch) -> None:
    """Extraction raises on texts holding "LỖI" (the guard against one bad article)."""
    import cyberlib.figures.extraction as extraction

    monkeypatch.setattr(extraction, "_final_figures", _failing(extraction._final_figures))
