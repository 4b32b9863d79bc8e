"""The list of words no number counts (``cyberlib/data/not_counted.txt``): its rule, read
by ``benchmarks/derive_not_counted.py`` from a part-of-speech tagged corpus, and the shipped
list being what that rule gives on the corpus underthesea installs."""

from __future__ import annotations

import pytest

from cyberlib.figures.units import lexicon
from cyberlib.resources import data_text, load_wordlist


def _tagged(tmp_path, rows: list[tuple[str, str]]):
    path = tmp_path / "test_output.txt"
    path.write_text("".join(f"{w}\tB-{t}\tB-{t}\n" for w, t in rows), encoding="utf-8")
    return path


def test_rule_lists_function_words_and_frequent_verbs_never_nouns(tmp_path, benchmark_script):
    derive = benchmark_script("derive_not_counted").derive
    rows = [("rõ", "A")] * 3 + [("vừa", "R")] * 3 + [("vừa", "V")]  # adjective, adverb
    rows += [("thực hiện", "V")] * 20 + [("bình luận", "V")] * 19  # frequent vs rare verb
    rows += [("kiến nghị", "V")] * 30 + [("kiến nghị", "N")]  # once a noun: countable
    rows += [("cao", "A")] * 2  # too few uses to judge
    rows += [("hai", "A")] * 3 + [("hai", "M")] + [("...", "A")] * 3  # numeral; no word
    rows += [("tuỳ tiện", "A")] * 3  # old tone placement, read as the extractor spells it
    assert derive(_tagged(tmp_path, rows)) == ["rõ", "thực hiện", "tùy tiện", "vừa"]


@pytest.mark.parametrize(
    ("name", "rule"), [("not_counted.txt", "derive"), ("rare_verbs.txt", "derive_rare_verbs")]
)
def test_shipped_list_is_what_the_installed_tagged_corpus_gives(name, rule, benchmark_script):
    script = benchmark_script("derive_not_counted")
    path = script.tagged_corpus()
    if path is None:
        pytest.skip("underthesea's POS test sentences (pos_tag/models/*/test_output.txt) missing")
    source = data_text(name).split("# source: ", 1)[1].split()[0]
    if path.parent.name != source:
        pytest.skip(f"installed underthesea ships POS model {path.parent.name}, not {source}")
    assert sorted(load_wordlist(name)) == getattr(script, rule)(path)


def test_our_unit_lists_win_over_the_derived_list():
    lex = lexicon()
    derived = load_wordlist("not_counted.txt")
    assert "phản ánh" in derived and "phản ánh" in lex.compounds  # "586 phản ánh"
    assert "phản ánh" not in lex.not_counted
    assert {"rõ", "vừa", "chắc chắn"} <= lex.not_counted


def test_rare_verbs_are_the_verbs_below_the_bar_never_nouns(tmp_path, benchmark_script):
    script = benchmark_script("derive_not_counted")
    rows = [("bắt đầu", "V")] * 5 + [("chia", "V")] * 4  # at the bar of 5, and below it
    rows += [("thực hiện", "V")] * 20  # frequent: in not_counted.txt instead
    rows += [("kiểm tra", "V")] * 8 + [("kiểm tra", "N")]  # once a noun: countable
    rows += [("rõ", "A")] * 6 + [("rõ", "V")] * 5  # mostly a function word: not_counted.txt
    path = _tagged(tmp_path, rows)
    assert script.derive_rare_verbs(path) == ["bắt đầu"]
    assert script.derive(path) == ["rõ", "thực hiện"]


def test_a_rare_verb_is_counted_only_by_a_classifier_of_events():
    lex = lexicon()
    assert "bắt đầu" in lex.rare_verbs and "bắt đầu" in lex.not_counted
    assert {"đợt", "cuộc"} <= lex.verb_classifiers and "chiếc" not in lex.verb_classifiers
