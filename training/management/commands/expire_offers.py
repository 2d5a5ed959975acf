from django.core.management.base import BaseCommand

from training.services import expire_offers


class Command(BaseCommand):
    help = (
        "Lets offered places whose reply deadline has passed lapse and offers them to the "
        "next on the waiting list, by e-mail. Safe to run as often as you like (cron: daily "
        "or hourly)."
    )

    def handle(self, *args, **options):
        expired = expire_offers()
        self.stdout.write(f"Expired offers: {expired}")
