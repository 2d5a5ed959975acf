"""Staff act on several applications at once, on the completion page and in
the admin; each application goes through its service
(``asskomm.batches.for_each_selected``)."""

from django.utils.translation import ngettext_lazy

from asskomm.batches import for_each_selected
from training import services


def confirm_completions(request, applications):
    return for_each_selected(
        request,
        applications,
        lambda application: services.confirm_completion(application=application, by=request.user),
        done=ngettext_lazy(
            "%(count)d completion confirmed; the graduate has been told by e-mail.",
            "%(count)d completions confirmed; the graduates have been told by e-mail.",
            "count",
        ),
        refusals=services.TrainingError,
    )


def change_decisions(request, applications, *, decision, reason):
    return for_each_selected(
        request,
        applications,
        lambda application: services.change_decision(
            application=application, decision=decision, reason=reason, by=request.user
        ),
        done=ngettext_lazy(
            "%(count)d decision recorded.", "%(count)d decisions recorded.", "count"
        ),
        refusals=services.TrainingError,
        label=lambda application: application.applicant,
    )
