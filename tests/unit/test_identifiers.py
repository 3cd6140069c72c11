"""FINESS and SIRET checks."""

import pytest

from pairjobs.domain.identifiers import check_finess, check_siret, format_finess


@pytest.mark.parametrize("raw", ["690780101", "69 078 010 1", "69-078-010-1", " 690780101 "])
def test_finess_with_valid_key_is_accepted_in_any_spacing(raw):
    result = check_finess(raw)
    assert result is not None
    assert result.number == "690780101"
    assert result.key_valid


def test_finess_with_wrong_key_is_accepted_with_a_warning_flag():
    result = check_finess("690780102")
    assert result is not None and result.key_valid is False


@pytest.mark.parametrize("raw", ["", "69078010", "6907801011", "6A0780101", "ABCDEFGHI", "2C0000000"])
def test_finess_with_wrong_format_is_refused(raw):
    assert check_finess(raw) is None


def test_corsican_finess_key_is_computed_after_replacing_2a_and_2b():
    # 2A -> 21: "21" + "0000000" has Luhn digit computed on 21000000x.
    from stdnum import luhn

    key = luhn.calc_check_digit("21000000")
    assert check_finess(f"2A000000{key}").key_valid
    assert check_finess(f"2a 000 000 {key}").number == f"2A000000{key}"
    wrong = (int(key) + 1) % 10
    assert not check_finess(f"2A000000{wrong}").key_valid


def test_format_finess_groups_digits():
    assert format_finess("690780101") == "69 078 010 1"


def test_siret_valid_and_invalid():
    assert check_siret("732 829 320 00074") == "73282932000074"
    assert check_siret("73282932000075") is None
    assert check_siret("1234") is None


def test_siret_accepts_la_poste_exception():
    # La Poste's establishments (SIREN 356000000) use a different key rule.
    assert check_siret("35600000000048") == "35600000000048"
