from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Network and members")

    def ready(self):
        from asskomm import panels
        from members import panels as member_panels
        from members import roles

        panels.admin_attention.register(member_panels.membership_requests_waiting)

        # Groups need the permissions that only exist after migrate has run.
        post_migrate.connect(roles.ensure_roles_after_migrate)
