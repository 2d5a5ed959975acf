from django.core.management.base import BaseCommand

from members.demo import current_totp_code


class Command(BaseCommand):
    help = (
        "Prints the code an authenticator app with the demo staff's key shows right now "
        "(valid for up to 30 seconds), for logging in as team@ or koordination@example.org."
    )

    def handle(self, *args, **options):
        self.stdout.write(current_totp_code())
