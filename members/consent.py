"""The versions of the texts people agree to in the members app.

When the privacy statement (``/privacy/``) or the explanation of the member
directory changes in substance, give it a new version: every consent
records the version the person agreed to.
"""

PRIVACY_TEXT_VERSION = "2026-11"
DIRECTORY_TEXT_VERSION = "2026-11"
