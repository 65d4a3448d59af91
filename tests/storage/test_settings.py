"""A person's settings beside their journal: the country for the emergency number, one per
account, empty until chosen, gone with the account."""

from __future__ import annotations

import pytest

from sciatica_coach.storage import Journal
from sciatica_coach.storage.accounts import Accounts

from .sample import at


def test_each_account_keeps_its_own_country(journal: Journal) -> None:
    assert journal.country() is None
    journal.set_country("GB")
    people = Accounts(journal.engine)
    bob_id = people.add_user("bob", "not-a-real-hash", at(0))
    bob = journal.for_user(bob_id)
    assert bob.country() is None
    bob.set_country("US")
    assert (journal.country(), bob.country()) == ("GB", "US")
    journal.set_country(None)
    assert (journal.country(), bob.country()) == (None, "US")
    people.delete_user(bob_id)
    assert bob.country() is None  # gone with the account


@pytest.mark.parametrize("bad", ["gb", "GBR", "G", "1A", "ÜK"])
def test_a_country_is_two_capital_letters(journal: Journal, bad: str) -> None:
    with pytest.raises(ValueError, match="two capital letters"):
        journal.set_country(bad)
    assert journal.country() is None
