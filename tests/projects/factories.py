import factory
from django.core.files.base import ContentFile

from asskomm.models import Topic
from projects.models import Project, ProjectAttachment, Recommendation, SecurityAnalysis
from tests.events.factories import PDF_BYTES
from tests.factories import MunicipalityFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Präventionsprojekt {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    goal = "Mehr Sicherheit im Stadtpark."
    status = Project.Status.IN_PROGRESS


class ProjectAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectAttachment

    project = factory.SubFactory(ProjectFactory)
    title = "Konzept"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="konzept.pdf"))


class SecurityAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityAnalysis

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2021
    conducted_by = "Institut B3 e. V."
    summary = "Das Sicherheitsgefühl ist gut, am Bahnhof weniger."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    analysis = factory.SubFactory(SecurityAnalysisFactory)
    title = factory.Sequence(lambda n: f"Empfehlung {n}")
    text = "Die Beleuchtung verbessern."
