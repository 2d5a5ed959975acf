import time

from django.core.management.base import BaseCommand

from asskomm import mail_queue


class Command(BaseCommand):
    help = (
        "Delivers the e-mails waiting in the queue to the mail server (EMAIL_URL). "
        "E-mails that failed are tried again after a wait that doubles with every "
        "attempt; after MAILER_EMAIL_MAX_RETRIES retries they are left in the admin as "
        "failed. Run it every minute (cron, a systemd timer) or with --loop as a service."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one pass every --interval seconds."
        )
        parser.add_argument(
            "--interval", type=float, default=30, help="Seconds between passes (default 30)."
        )

    def handle(self, *args, loop=False, interval=30, **options):
        while True:
            retried = mail_queue.deliver()
            if retried:
                self.stdout.write(f"{retried} deferred e-mail(s) back in the queue.")
            if not loop:
                return
            time.sleep(interval)
