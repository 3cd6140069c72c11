"""The words of the search (the forms of a word in the SQLite index, and the suggestions "Vouliez-vous
dire … ?") come from the table `search_word`: a published position's words join it, a draft's do not, an
edit adds the new ones, and the daily rebuild keeps only the open positions' words."""

import sqlalchemy as sa

from pairjobs.domain import positions as positions_domain
from pairjobs.domain.search import suggestion
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import SearchWord
from tests import factories


def known() -> dict[str, str]:
    return dict(db.session.execute(sa.select(SearchWord.word, SearchWord.written)).all())


def test_a_published_positions_words_are_known_in_their_written_form(app, accounts):
    factories.position(accounts.organization, accounts.employer, title="Pair-aidante en réhabilitation")
    db.session.commit()
    words = known()
    assert words["rehabilitation"] == "réhabilitation" and words["aidante"] == "aidante"
    assert "en" in words  # every word, for the forms of the index; but short ones are never suggested:
    assert suggestion("réhabilitation pairr") == "réhabilitation pair" and suggestion("eb") is None
    assert suggestion("rehabilitaton") == "réhabilitation"
    assert suggestion("réhabilitation") is None  # nothing to replace


def test_a_drafts_words_are_not_known_until_it_is_published(app, accounts):
    draft = factories.position(accounts.organization, accounts.employer, title="Intervenant xylophoniste",
                               publish=False)
    db.session.commit()
    assert "xylophoniste" not in known()
    positions_domain.publish(draft, accounts.employer, today())
    db.session.commit()
    assert "xylophoniste" in known()


def test_an_edit_of_a_published_position_adds_its_new_words(app, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    db.session.commit()
    positions_domain.update_position(position, accounts.employer, {"title": "Pair-aidant en addictologie"},
                                     today())
    db.session.commit()
    assert "addictologie" in known()


def test_the_daily_rebuild_keeps_only_the_open_positions_words(app, accounts, runner):
    factories.position(accounts.organization, accounts.employer, title="Pair-aidant hospitalier")
    gone = factories.position(accounts.organization, accounts.employer, title="Animateur ornithologue")
    db.session.commit()
    positions_domain.close(gone, accounts.employer, "cancelled")
    db.session.commit()
    assert "ornithologue" in known()
    result = runner.invoke(args=["search-words"])
    assert result.exit_code == 0 and "word(s) from the open positions" in result.output
    words = known()
    assert "ornithologue" not in words and "hospitalier" in words
    assert suggestion("ornitologue") is None


def test_a_word_known_already_is_left_as_it_is(app, accounts):
    """Two positions with the same word (concurrent publications insert it twice): one row, no error."""
    for _ in range(2):
        factories.position(accounts.organization, accounts.employer, title="Médiateur pair")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchWord)
                             .where(SearchWord.word == "mediateur")) == 1
