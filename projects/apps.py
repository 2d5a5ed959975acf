from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and security analyses")

    def ready(self):
        from asskomm import panels
        from projects import panels as project_panels

        panels.municipality.register(project_panels.municipality_projects)
        panels.event.register(project_panels.workshop_recommendations)
