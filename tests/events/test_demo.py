"""The demo's programme of events."""

from datetime import date

import pytest

from events.demo import _programme, half_year, working_group_sessions


def test_half_years():
    assert half_year(date(2026, 5, 18)) == "Frühjahr"
    assert half_year(date(2026, 6, 30)) == "Frühjahr"
    assert half_year(date(2026, 7, 1)) == "Herbst"
    assert half_year(date(2026, 11, 16)) == "Herbst"


@pytest.mark.parametrize(
    "today",
    [date(2026, 11, 25), date(2026, 5, 14), date(2026, 1, 3), date(2027, 8, 31)],
    ids=str,
)
def test_working_group_sessions_are_named_after_their_half_year(today):
    sessions = [spec for spec in _programme(today) if spec["slug"].startswith("ag-asskomm")]
    assert len(sessions) == 4
    for spec in sessions:
        day = spec["starts_at"].date()
        season = {5: "Frühjahr", 11: "Herbst"}[day.month]
        assert f"({season} {day.year})" in spec["title"]
        assert day.weekday() < 5


@pytest.mark.parametrize("today", [date(2026, 11, 25), date(2026, 5, 14)], ids=str)
def test_the_working_group_meets_every_half_year_three_past_one_coming(today):
    days = [day for day, _label in working_group_sessions(today)]
    assert [day < today for day in days] == [True, True, True, False]
    assert all(
        150 < (later - earlier).days < 215 for earlier, later in zip(days, days[1:], strict=False)
    )
