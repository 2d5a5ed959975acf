from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Network and members")

    def ready(self):
        from asskomm import panels
        from members import facts, roles, services
        from members import panels as member_panels
        from members.models import holds_member_permission, holds_working_group_seat
        from members.privacy import PersonalData, register_personal_data

        facts.declare("network_member", holds_member_permission)
        facts.declare("working_group_member", holds_working_group_seat)

        panels.admin_attention.register(member_panels.membership_requests_waiting)
        panels.admin_attention.register(member_panels.follow_ups_due)

        register_personal_data(
            PersonalData(
                key="account",
                title=_("Account and membership"),
                export=services.export_members_data,
                # First to read, last to erase: the other apps erase while
                # the person is intact.
                erase=services.erase_members_data,
                purge=services.purge_members_data,
                order=10,
            )
        )

        # Groups need the permissions that only exist after migrate has run.
        post_migrate.connect(roles.ensure_roles_after_migrate)
