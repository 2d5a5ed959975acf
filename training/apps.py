from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from asskomm import panels
        from members import facts
        from members.privacy import register_personal_data
        from training import alumni, personal_data
        from training import panels as training_panels
        from training.models import Application

        facts.declare("alumnus", alumni.has_graduated)
        facts.declare("has_applications", Application.objects.has_applications)
        panels.home.register(training_panels.open_for_applications)
        panels.dashboard.register(training_panels.my_applications)
        panels.municipality.register(training_panels.implemented_projects)
        panels.admin_attention.register(training_panels.waiting_for_staff)
        register_personal_data(personal_data.SECTION)
