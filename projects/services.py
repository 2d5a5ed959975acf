"""The rules that change projects and recommendations. Views, the admin
and tests call these; nothing else re-implements them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import (
    ProjectAttachment,
    Recommendation,
    RecommendationStatusChange,
)


class ProjectsError(Exception):
    """A rule of this app refused the change; the message is for people."""


@transaction.atomic
def save_project(
    *, project, topics, by, attachment=None, attachment_title="", remove_attachments=()
):
    """Saves a new or changed project of a municipality ``by`` may edit,
    with its topics, an optional new attachment, and without the
    attachments to remove (their files are deleted once saved)."""
    if not project.may_be_edited_by(by):
        raise ProjectsError(_("You may only enter projects of your own municipality."))
    if project.pk is None:
        project.created_by = by
    project.save()
    project.topics.set(topics)
    for old in project.attachments.filter(pk__in=[found.pk for found in remove_attachments]):
        file = old.file
        old.delete()
        transaction.on_commit(lambda file=file: file.delete(save=False))
    if attachment:
        ProjectAttachment.objects.create(
            project=project, title=attachment_title or attachment.name, file=attachment
        )
    return project


@transaction.atomic
def change_recommendation_status(*, recommendation, status, note="", by, at=None):
    """Sets the recommendation's status and writes the dated history entry
    with the note and who changed it (``at``: when, by default now)."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not Recommendation.objects.changeable_by(by).filter(pk=recommendation.pk).exists():
        raise ProjectsError(
            _("Only members of the municipality may change its recommendations' status.")
        )
    if status not in Recommendation.Status.values:
        raise ProjectsError(_("Choose one of the statuses."))
    if status == recommendation.status:
        raise ProjectsError(_("The recommendation already has this status."))
    change = RecommendationStatusChange.objects.create(
        recommendation=recommendation,
        from_status=recommendation.status,
        to_status=status,
        note=note.strip(),
        changed_by=by,
        changed_at=at or timezone.now(),
    )
    recommendation.status = status
    recommendation.save(update_fields=["status"])
    return change
