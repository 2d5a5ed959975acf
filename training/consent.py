"""The consent to data processing that applicants give, and its version.

When the text changes, give it a new version: every application stores the
version its applicant agreed to, and an applicant who edits their
application after a change is asked to agree to the new text.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_TEXT_VERSION = "2026-11"

CONSENT_TEXT = _(
    "I agree that the Saxon State Prevention Council (Landespräventionsrat Sachsen) processes "
    "the data of this application to select the participants of the cohort, to organise the "
    "programme and, if I complete it, to issue my certificate and keep me in the alumni "
    "network. My data is not passed on to third parties; my supervisor is only contacted "
    "about my release. I can withdraw my application at any time before the cohort starts."
)
