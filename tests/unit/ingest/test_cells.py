"""Tests for pipeline.ingest.cells: text cells to normalised text and typed values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipeline.ingest.cells import (
    match_categories,
    match_lists,
    normalise_header,
    normalise_text,
    parse_bools,
    parse_dates,
    parse_numbers,
)


def text(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


class TestNormaliseHeader:
    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("Start Date", "start_date"),
            ("  start-date ", "start_date"),
            ("START  DATE", "start_date"),
            ("Q Consult-Satisfaction", "q_consult_satisfaction"),
            ("activity_id", "activity_id"),
        ],
    )
    def test_normalise_header_matches_contract_name(self, header, expected):
        assert normalise_header(header) == expected


class TestNormaliseText:
    def test_normalise_text_straightens_curly_apostrophe_and_trims(self):
        # U+2019 is left alone by NFKC; the contract wants it to match "'".
        assert normalise_text(text("  Chief Executive\u2019s ")).tolist() == ["Chief Executive's"]

    def test_normalise_text_applies_nfkc(self):
        # Full-width letters and a non-breaking space are compatibility forms.
        assert normalise_text(text("\uff21\uff22\u00a0C")).tolist() == ["AB C"]

    def test_normalise_text_blank_becomes_empty(self):
        assert normalise_text(pd.Series(["   ", None], dtype="str")).tolist() == ["", ""]


class TestParseDates:
    def test_parse_dates_iso_and_uk(self):
        parsed = parse_dates(text("2006-04-03", "03/04/2006", "3/4/2006", ""))
        expected = pd.to_datetime(["2006-04-03", "2006-04-03", "2006-04-03", None])
        assert parsed.values.tolist() == expected.tolist()
        assert parsed.values.dtype == "datetime64[ns]"
        assert not parsed.malformed.any()
        assert not parsed.impossible.any()

    def test_parse_dates_impossible_date_flagged(self):
        parsed = parse_dates(text("31/02/2006", "2006-13-01"))
        assert parsed.impossible.tolist() == [True, True]
        assert parsed.values.isna().all()

    def test_parse_dates_other_forms_malformed(self):
        parsed = parse_dates(text("2006/04/03", "April 2006", "03-04-2006", "20060403"))
        assert parsed.malformed.tolist() == [True, True, True, True]


class TestParseBools:
    def test_parse_bools_accepts_every_word_any_case(self):
        values, bad = parse_bools(text("TRUE", "false", "Yes", "no", "Y", "n", "1", "0", ""))
        assert values.tolist() == [True, False, True, False, True, False, True, False, pd.NA]
        assert values.dtype == "boolean"
        assert not bad.any()

    def test_parse_bools_other_word_is_bad(self):
        assert parse_bools(text("maybe", "t"))[1].tolist() == [True, True]


class TestParseNumbers:
    def test_parse_numbers_plain_decimals(self):
        values, bad = parse_numbers(text("12", "1.5", "-3", ""))
        assert values.tolist()[:3] == [12.0, 1.5, -3.0]
        assert np.isnan(values.iloc[3])
        assert bad.tolist() == [False, False, False, False]

    def test_parse_numbers_text_and_infinity_are_bad(self):
        assert parse_numbers(text("twelve", "inf", "£12"))[1].tolist() == [True, True, True]


class TestMatchCategories:
    def test_match_categories_case_insensitive_gives_canonical(self):
        values, bad = match_categories(text("CLOSED", "Live", ""), ("planned", "live", "closed"))
        assert values.tolist()[:2] == ["closed", "live"]
        assert pd.isna(values.iloc[2])
        assert not bad.any()

    def test_match_categories_unknown_is_bad(self):
        assert match_categories(text("finished"), ("planned", "closed"))[1].tolist() == [True]

    def test_match_categories_curly_apostrophe_matches_straight(self):
        values, _ = match_categories(text("don't know"), ("don\u2019t know",))
        assert values.tolist() == ["don\u2019t know"]


class TestMatchLists:
    ALLOWED = ("Older people", "Women", "Young people")

    def test_match_lists_canonical_in_reference_order(self):
        # "young people" and "OLDER PEOPLE" -> reference order: Older people first.
        values, bad, _ = match_lists(
            text("young people; OLDER PEOPLE", "Women;Women", ""), self.ALLOWED
        )
        assert values.tolist()[:2] == ["Older people;Young people", "Women"]
        assert pd.isna(values.iloc[2])
        assert not bad.any()

    def test_match_lists_unknown_name_is_bad_and_named(self):
        _, bad, unknown = match_lists(text("Women;Carers", "Women"), self.ALLOWED)
        assert bad.tolist() == [True, False]
        assert unknown.iloc[0] == "Carers"
