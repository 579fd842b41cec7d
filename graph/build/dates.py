"""Calendar dates written in English, as sortable keys: a day ``2024-03-05``, a month ``2024-03``.

Only dates that name one calendar day or one month of a year have a key; a bare year,
a day without a year ("March 5"), a relative date ("last year", "Q3") or a numeric form that
could be read two ways ("03/05/2024") has none.

The month and weekday names are spelled out here rather than taken from :mod:`calendar`,
whose names follow the process locale (a Qt application sets it from the user's
environment); the text is English whatever the locale.
"""

from __future__ import annotations

import re
from datetime import date

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_MONTHS = {name.casefold(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS |= {name[:3]: number for name, number in list(_MONTHS.items())} | {"sept": 9}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>{})\.?".format("|".join(sorted(_MONTHS, key=len, reverse=True)))
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:{})\.?,?\s+)?".format(
    "|".join([*_WEEKDAYS, *(d[:3] for d in _WEEKDAYS), "tues", "thur", "thurs"]))

_DAYS = [re.compile(rf"(?:on\s+)?{_WEEKDAY}{form}") for form in (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # March 5, 2024 / Mar. 5th 2024
    rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",  # 5 March 2024 / the 5th of March
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})",  # 2024-03-05
)]
_MONTHS_OF_YEAR = [re.compile(rf"(?:in\s+)?{form}") for form in (
    rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}",  # March 2024 / Mar 2024 / March of 2024
    r"(?P<year>\d{4})-(?P<month>\d{2})",  # 2024-03
)]


def date_key(text: str) -> str | None:
    """``"YYYY-MM-DD"`` for a written day, ``"YYYY-MM"`` for a month of a year, else ``None``.

    >>> date_key("Tuesday, March 5th, 2024"), date_key("in March of 2024"), date_key("2023")
    ('2024-03-05', '2024-03', None)
    """
    text = " ".join(text.casefold().split())
    for patterns, day_given in ((_DAYS, True), (_MONTHS_OF_YEAR, False)):
        for pattern in patterns:
            if match := pattern.fullmatch(text):
                parts = match.groupdict()
                month = _MONTHS.get(parts["month"]) or int(parts["month"])
                day = int(parts["day"]) if day_given else 1
                try:
                    when = date(int(parts["year"]), month, day)
                except ValueError:  # February 30, month 13, year 0
                    return None
                return when.isoformat() if day_given else when.isoformat()[:7]
    return None


def date_label(key: str) -> str:
    """The readable form of a key: ``"March 5, 2024"`` or ``"March 2024"``."""
    year, month, *day = key.split("-")
    name = MONTH_NAMES[int(month) - 1]
    return f"{name} {int(day[0])}, {year}" if day else f"{name} {year}"
