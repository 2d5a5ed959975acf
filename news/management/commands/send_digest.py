from django.core.management.base import BaseCommand

from news.services import send_due_digests


class Command(BaseCommand):
    help = (
        "Queues the weekly digest for everybody whose last one is at least a week old. "
        "Safe to run every hour: nobody gets the same digest twice."
    )

    def handle(self, *args, **options):
        sent = send_due_digests()
        self.stdout.write(f"{sent} digest(s) queued.")
