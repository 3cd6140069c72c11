"""The functional tests' typography check finds what it looks for, and only that."""

from tests.typography import page_text, problems


def test_ordinary_spaces_before_punctuation_and_inside_guillemets_are_found():
    for text in ("Motif : illisible", "Vraiment ?", "Attention !", "un ; deux", "« oui »", "Fin :"):
        assert problems([("page", text)]), text


def test_non_breaking_spaces_and_code_pass():
    for text in ("Motif\u00a0: illisible", "Vraiment\u202f?", "«\u202foui\u202f»", "14:30", "https://x.fr/?q=1",
                 "Authorization: Bearer"):
        assert problems([("page", text)]) == [], text
    assert problems([("page", page_text('<p>Voir</p><pre>"a" : 1</pre><code>x ?</code>'))]) == []


def test_the_first_of_a_month_is_written_1er():
    assert problems([("page", "le 1 décembre 2026")])
    assert problems([("page", "le 1\u00a0mars")])
    for text in ("le 1er décembre 2026", "le 11 décembre", "le 21 mars", "1 200 offres"):
        assert problems([("page", text)]) == [], text
