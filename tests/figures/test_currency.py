"""Money figures in US dollars (cyberlib.figures.currency)."""

from __future__ import annotations

import math

import pandas as pd

import cyberlib
from cyberlib.figures.currency import load_rates, to_usd


def test_rate_table_names_its_source_and_has_recent_years():
    from cyberlib.resources import data_text

    assert "PA.NUS.FCRF" in data_text("usd_rates.csv")
    rates = load_rates()
    assert {"vnd", "gbp", "eur"} <= set(rates["currency"])
    assert rates["year"].max() >= 2024
    vnd = rates[rates["currency"] == "vnd"].set_index("year")["per_usd"]
    assert 15000 < vnd.min() and vnd.max() < 30000  # sanity: VND per USD


def test_year_aware_conversion_and_non_money_rows():
    rates = pd.DataFrame(
        {"year": [2020, 2024], "currency": ["vnd", "vnd"], "per_usd": [20000.0, 25000.0]}
    )
    stats = pd.DataFrame(
        {
            "value": [1e9, 1e9, 1e9, 7.0, 3.0, 1e9],
            "unit": ["vnd", "vnd", "vnd", "case", "usd", "vnd"],
            "period": ["2020", "2024–2028", None, "2020", None, "2019"],
        }
    )
    out = to_usd(stats, rates)
    got = out["value_usd"].tolist()
    assert got[0] == 50000.0  # 2020 rate
    assert got[1] == 40000.0  # first year of the range
    assert got[2] == 40000.0  # no year: latest rate
    assert math.isnan(got[3])  # not money
    assert got[4] == 3.0  # already dollars
    assert got[5] == 50000.0  # before the table: nearest year
    assert "value_usd" not in stats.columns  # input untouched


def test_unknown_currency_gives_nan_and_date_column_wins():
    stats = pd.DataFrame(
        {
            "value": [10.0, 2e9],
            "unit": ["xyz", "vnd"],
            "period": [None, "2015"],
            "date": [pd.NaT, pd.Timestamp("2023-05-01")],
        }
    )
    out = to_usd(stats)
    assert math.isnan(out["value_usd"].iloc[0])
    assert out["value_usd"].iloc[1] == 2e9 / 23787


def test_public_api_on_extracted_figures():
    stats = cyberlib.extract_statistics("Năm 2023, thiệt hại 50 triệu bảng Anh và 3 vụ.")
    out = cyberlib.to_usd(stats)
    money = out[out["unit"] == "gbp"]["value_usd"].iloc[0]
    assert money == 50e6 / 0.8038
    assert math.isnan(out[out["unit"] == "case"]["value_usd"].iloc[0])
