"""django-mailer, the e-mail queue, under a German name in the admin."""

from django.utils.translation import gettext_lazy as _
from mailer.apps import MailerConfig


class MailQueueConfig(MailerConfig):
    verbose_name = _("E-mail queue")

    def ready(self):
        super().ready()
        from mailer.models import Message, MessageLog

        from asskomm import mail_queue, panels

        panels.admin_attention.register(mail_queue.attention_items)

        # django-mailer's names, in the words staff use. Runtime only: the
        # models' migrations keep django-mailer's own options.
        names = {
            Message: (_("e-mail in the queue"), _("e-mails in the queue")),
            MessageLog: (_("delivery attempt"), _("delivery attempts")),
        }
        for model, (singular, plural) in names.items():
            model._meta.verbose_name = singular
            model._meta.verbose_name_plural = plural
