"""Working days from the holiday table: the 20-working-day deadline across National
Day and Spring Festival, the refusal of a year the table does not hold, the
count both ways."""
from __future__ import annotations

import datetime as dt

import pytest

from app.core.db import transaction
from app.core.errors import DomainError
from app.core.workdays import (
    CalendarYearMissing,
    add_working_days,
    is_working_day,
    working_days_between,
)
from app.core.workdays.models import Holiday
from app.core.workdays.services import create_holiday

D = dt.date


def test_twenty_working_days_across_national_day_2025(app_ctx, calendar_years):
    # 2025: Oct 1–8 off (National Day + Mid-Autumn); Sun Sep 28 and Sat Oct 11 worked (班).
    # Counted by hand: Sep 28 (1), 29, 30, Oct 9, 10, 11 (6), 13–17 (11), 20–24 (16), 27–30 (20).
    assert add_working_days(D(2025, 9, 26), 20) == D(2025, 10, 30)
    # A plain weekday count would say Oct 24: a week early, on the day a holiday ends late.
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 24)) == 16


def test_twenty_working_days_across_spring_festival_2026(app_ctx, calendar_years):
    # 2026: Feb 15–23 off (春节); Sat Feb 14 and Sat Feb 28 worked (班).
    # From Fri Feb 6: Feb 9–13 (5), Sat 14 (6), Feb 24–27 (10), Sat 28 (11), Mar 2–6 (16), Mar 9–12 (20).
    assert add_working_days(D(2026, 2, 6), 20) == D(2026, 3, 12)
    assert not is_working_day(D(2026, 2, 16))
    assert is_working_day(D(2026, 2, 14))


def test_national_day_2026_and_the_inverse(app_ctx, calendar_years):
    start = D(2026, 9, 25)
    due = add_working_days(start, 20)
    assert working_days_between(start, due) == 20
    assert working_days_between(due, start) == -20
    assert working_days_between(start, start) == 0
    assert add_working_days(start, 0) == start
    assert not is_working_day(D(2026, 10, 1))


def test_a_year_the_table_does_not_hold_is_an_error_naming_it(app_ctx, calendar_years):
    with pytest.raises(CalendarYearMissing) as err:
        add_working_days(D(2026, 12, 15), 20)
    assert err.value.params == {"year": 2027}
    assert "2027" in err.value.message("zh") and "工作日历" in err.value.message("zh")
    assert "2027" in err.value.message("en") and "working-day calendar" in err.value.message("en")
    with pytest.raises(CalendarYearMissing):
        working_days_between(D(2026, 12, 1), D(2027, 1, 10))
    with pytest.raises(CalendarYearMissing):
        is_working_day(D(2027, 3, 1))
    # A deadline inside the held year is still counted.
    assert add_working_days(D(2026, 12, 1), 5) == D(2026, 12, 8)


def test_the_year_counts_once_the_administrator_enters_it(app_ctx, calendar_years):
    with transaction():
        create_holiday(Holiday(day=D(2027, 1, 1), day_kind="off", name="元旦"))
    # Dec 2026: 16–18 (3), 21–25 (8), 28–31 (12); 2027: Jan 1 off, Jan 4–8 (17), Jan 11–13 (20).
    assert add_working_days(D(2026, 12, 15), 20) == D(2027, 1, 13)


def test_an_empty_table_refuses_every_deadline(app_ctx):
    with pytest.raises(CalendarYearMissing) as err:
        add_working_days(D(2026, 3, 2), 1)
    assert err.value.params == {"year": 2026}


@pytest.mark.parametrize("n", [-1, 10_001, 2.5, True, "3"])
def test_a_bad_count_is_refused(app_ctx, calendar_years, n):
    with pytest.raises(DomainError) as err:
        add_working_days(D(2026, 3, 2), n)
    assert err.value.key == "workdays.bad_count"
