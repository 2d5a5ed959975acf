from django.core.management.base import BaseCommand

from members.services import purge_expired


class Command(BaseCommand):
    help = (
        "Deletes what the retention periods in ASSKOMM_RETENTION let expire: rejected and "
        "withdrawn applications, cancelled registrations, guests' unconfirmed registrations "
        "and (after their event) guests' data, unverified sign-ups and expired sessions. Safe "
        "to run every night: a second run finds nothing more."
    )

    def handle(self, *args, **options):
        for label, count in purge_expired().items():
            self.stdout.write(f"{label}: {count}")
