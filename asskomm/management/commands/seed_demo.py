from django.core.management.base import BaseCommand
from django.db import transaction

from accessibility import demo as accessibility_demo
from asskomm import demo as asskomm_demo
from events import demo as events_demo
from exchange import demo as exchange_demo
from library import demo as library_demo
from members import demo as members_demo
from news import demo as news_demo
from projects import demo as projects_demo
from search import demo as search_demo
from training import demo as training_demo
from working_group import demo as working_group_demo

# Each app's demo module, in the order their data depends on each other.
# The search index comes last: it covers what the others wrote.
DEMO_MODULES = [
    asskomm_demo,
    members_demo,
    training_demo,
    events_demo,
    library_demo,
    projects_demo,
    exchange_demo,
    news_demo,
    working_group_demo,
    accessibility_demo,
    search_demo,
]


class Command(BaseCommand):
    help = (
        "Fills the database with realistic demo data: real Saxon municipalities, "
        "the working group's partners, demo people, events, the Beccaria programme with its "
        "cohorts. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in DEMO_MODULES:
                module.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {members_demo.DEMO_PASSWORD}):")
        roles = {}
        for module in DEMO_MODULES:
            for email, role in getattr(module, "LOGINS", []):
                roles.setdefault(email, []).append(role)
        for email, found in roles.items():
            self.stdout.write(f"  {email:<26} {'; '.join(found)}")
        self.stdout.write(
            "Staff logins also ask for a code from an authenticator app: add the key "
            f"{members_demo.DEMO_TOTP_SECRET} to yours, or get the current code with "
            "`python manage.py demo_totp_code`."
        )
