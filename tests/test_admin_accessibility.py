"""The admin names every input for screen readers (BITV), also those Django
leaves unnamed. The browser test (tests/browser/test_accessibility.py) runs
axe-core over the admin's pages; this one states the names."""

import re

import pytest

from tests.training.factories import CohortFactory, CohortSessionFactory

pytestmark = pytest.mark.django_db


def test_every_input_of_the_cohort_in_the_admin_has_a_name(client_for, staff):
    """The date and the time of a split field, and the inputs in the rows of
    the weekends' table, which Django names only by the column's heading."""
    cohort = CohortFactory()
    session = CohortSessionFactory(cohort=cohort)
    html = client_for(staff).get(f"/admin/training/cohort/{cohort.pk}/change/").content.decode()

    def attributes(input_id):
        return re.search(rf'<(?:input|select|textarea)[^>]*\bid="{input_id}"[^>]*>', html).group(0)

    assert 'aria-label="Bewerbung ab: Datum"' in attributes("id_applications_open_at_0")
    assert 'aria-label="Bewerbung ab: Uhrzeit"' in attributes("id_applications_open_at_1")
    assert 'aria-label="Modul"' in attributes("id_sessions-0-module")
    assert 'aria-label="Löschen"' in attributes("id_sessions-0-DELETE")
    assert session.module.title in html
