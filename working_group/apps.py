from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingGroupConfig(AppConfig):
    name = "working_group"
    verbose_name = _("Working group AG ASSKomm")

    def ready(self):
        from asskomm import panels
        from members.privacy import register_personal_data
        from working_group import panels as working_group_panels
        from working_group import personal_data

        register_personal_data(personal_data.SECTION)
        panels.event.register(working_group_panels.session_records)
