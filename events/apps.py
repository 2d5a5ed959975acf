from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from asskomm import panels
        from events import panels as event_panels
        from events import personal_data, roles
        from events.models import declare_coordination_facts
        from members.privacy import register_personal_data

        post_migrate.connect(roles.ensure_roles_after_migrate)
        declare_coordination_facts()
        register_personal_data(personal_data.SECTION)
        panels.home.register(event_panels.upcoming_public_events)
        panels.dashboard_top.register(event_panels.my_next_events)
        panels.dashboard.register(event_panels.my_registrations)
        panels.municipality.register(event_panels.invited_events)
        panels.admin_attention.register(event_panels.full_events_with_waiting_lists)
