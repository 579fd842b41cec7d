"""Dates that name a day or a month of a year are one entity across documents."""

from __future__ import annotations

import pytest

from graph.build.dates import date_key, date_label
from graph.build.resolve import resolve
from graph.nlp.records import Mention

DAYS = ["March 5, 2024", "Mar. 5, 2024", "Mar 5 2024", "5 March 2024", "5 Mar. 2024",
        "2024-03-05", "March 5th, 2024", "5th March, 2024", "the 5th of March 2024",
        "Tuesday, March 5, 2024", "Tue, 5 Mar 2024", "on Tuesday, 5 March 2024",
        "MARCH 5, 2024", "march  5,\n2024"]
MONTHS = ["March 2024", "Mar 2024", "Mar. 2024", "2024-03", "in March of 2024", "March, 2024"]
NOT_DATES = ["2023", "today", "last year", "Q3", "Q3 2024", "two weeks", "March 5", "5 March",
             "March", "February 30, 2024", "2023-02-29", "2024-13", "2024-13-01", "03/05/2024",
             "early March 2024", "the week of March 5, 2024", "2023-24", "Marchy 5, 2024",
             "May 32, 2024", "the 1990s", ""]


@pytest.mark.parametrize("text", DAYS)
def test_a_written_day_has_its_iso_key(text):
    assert date_key(text) == "2024-03-05"


@pytest.mark.parametrize("text", MONTHS)
def test_a_month_of_a_year_has_its_key(text):
    assert date_key(text) == "2024-03"


@pytest.mark.parametrize(("text", "key"), [
    ("Sept. 30, 2023", "2023-09-30"), ("1 May 2025", "2025-05-01"), ("May 2025", "2025-05"),
    ("February 29, 2024", "2024-02-29"), ("Dec 31st, 1999", "1999-12-31"),
    ("Thurs., January 2, 2025", "2025-01-02")])
def test_other_months_and_leap_days(text, key):
    assert date_key(text) == key


@pytest.mark.parametrize("text", NOT_DATES)
def test_anything_else_has_no_key(text):
    assert date_key(text) is None


def test_labels_are_readable():
    assert date_label("2024-03-05") == "March 5, 2024"
    assert date_label("2024-03") == "March 2024"


def mention(text: str, doc: str, start: int = 0, label: str = "DATE") -> Mention:
    return Mention(doc, start, start + len(text), text, label, 0, 1000)


def test_the_same_day_in_two_spellings_and_documents_is_one_entity():
    entities, index = resolve([mention("5 March 2024", "a.txt", 10),
                               mention("2024-03-05", "b.txt", 40)], user_aliases={})
    [day] = entities
    assert (day.id, day.label, day.type) == ("DATE:2024-03-05", "March 5, 2024", "DATE")
    assert day.documents == ["a.txt", "b.txt"]
    assert day.aliases == ["2024-03-05", "5 March 2024"]
    assert len(day.mentions) == 2
    assert index == {("a.txt", 10, 22): day.id, ("b.txt", 40, 50): day.id}


def test_the_same_month_in_two_documents_is_one_entity():
    entities, _ = resolve([mention("March 2024", "a.txt"), mention("Mar. 2024", "b.txt"),
                           mention("in March of 2024", "b.txt", 30)], user_aliases={})
    [month] = entities
    assert (month.id, month.label) == ("DATE:2024-03", "March 2024")
    assert month.documents == ["a.txt", "b.txt"]
    assert month.aliases == ["Mar. 2024", "in March of 2024"]  # the label is no alias


def test_a_bare_year_stays_in_its_document():
    entities, index = resolve([mention("2023", "a.txt"), mention("2023", "b.txt")],
                              user_aliases={})
    assert sorted(e.id for e in entities) == ["DATE:2023", "DATE:2023-2"]
    assert [e.documents for e in entities] == [["a.txt"], ["b.txt"]]
    assert len(set(index.values())) == 2


def test_a_day_is_not_its_month():
    entities, _ = resolve([mention("March 5, 2024", "a.txt"), mention("March 2024", "b.txt")],
                          user_aliases={})
    assert sorted(e.id for e in entities) == ["DATE:2024-03", "DATE:2024-03-05"]


def test_relative_dates_and_days_without_a_year_stay_in_their_document():
    mentions = [mention(text, doc) for text in ("last year", "March 5") for doc in ("a", "b")]
    entities, _ = resolve(mentions, user_aliases={})
    assert len(entities) == 4


def test_a_numbered_year_never_takes_a_month_id():
    """The twelfth document's "2024" is numbered past DATE:2024-12, December 2024's id."""
    mentions = [mention("2024", f"{n:02}.txt") for n in range(1, 13)]
    entities, _ = resolve([*mentions, mention("December 2024", "12.txt", 20)], user_aliases={})
    ids = {e.id: e for e in entities}
    assert len(ids) == 13
    assert ids["DATE:2024-12"].label == "December 2024"
    assert "DATE:2024-13" in ids


def test_only_date_mentions_are_read_as_dates():
    entities, _ = resolve([mention("March 2024", "a.txt", label="DATE"),
                           mention("March 2024", "b.txt", label="METRIC")], user_aliases={})
    assert sorted(e.id for e in entities) == ["DATE:2024-03", "METRIC:march-2024"]
