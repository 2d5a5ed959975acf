"""Staff act on several applications at once, on the completion page and in
the admin: each application goes through its service; one message counts
what was done, and every refusal gets its own."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from training import services


def confirm_completions(request, applications):
    def confirm(application):
        services.confirm_completion(application=application, by=request.user)

    def done(count):
        return ngettext(
            "%(count)d completion confirmed; the graduate has been told by e-mail.",
            "%(count)d completions confirmed; the graduates have been told by e-mail.",
            count,
        ) % {"count": count}

    return _each(request, applications, confirm, done)


def change_decisions(request, applications, *, decision, reason):
    def change(application):
        try:
            services.change_decision(
                application=application, decision=decision, reason=reason, by=request.user
            )
        except services.TrainingError as error:
            raise services.TrainingError(
                _("%(person)s: %(error)s") % {"person": application.applicant, "error": error}
            ) from error

    def done(count):
        return ngettext("%(count)d decision recorded.", "%(count)d decisions recorded.", count) % {
            "count": count
        }

    return _each(request, applications, change, done)


def _each(request, applications, act, done):
    count = 0
    for application in applications:
        try:
            act(application)
        except services.TrainingError as error:
            messages.warning(request, str(error))
        else:
            count += 1
    if count:
        messages.success(request, done(count))
    return count
