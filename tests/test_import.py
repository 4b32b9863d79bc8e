"""`import cyberlib` stays light: heavy libraries load on first use only."""

import subprocess
import sys

HEAVY = ("underthesea", "matplotlib", "sklearn", "pandas", "dask")


def imported_modules(code: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_import_cyberlib_loads_no_heavy_library():
    names = imported_modules("import cyberlib")
    assert "cyberlib" in names  # the measurement itself works
    assert not names & set(HEAVY), sorted(names & set(HEAVY))


def test_normalize_is_available_without_heavy_libraries():
    names = imported_modules("import cyberlib; cyberlib.normalize('toạ đàm')")
    assert not names & set(HEAVY)


def test_public_names_resolve():
    import cyberlib

    for name in ("normalize", "load_corpus"):
        assert callable(getattr(cyberlib, name))
    assert set(cyberlib.__all__) >= {
        "load_corpus", "normalize", "extract_statistics", "tokenize", "theme_scores",
        "keywords", "entities", "to_usd",
    }  # fmt: skip


def test_unknown_attribute_is_an_attribute_error():
    import pytest

    import cyberlib

    with pytest.raises(AttributeError, match="khong_co"):
        _ = cyberlib.khong_co
