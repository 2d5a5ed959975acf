from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from asskomm.batches import for_each_selected
from exchange import services
from exchange.models import Answer, Follow, Question


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["author", "text", "created_at", "hidden", "hidden_reason"]
    readonly_fields = ["author", "text", "created_at", "hidden", "hidden_reason"]
    can_delete = False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "created_at", "region", "pinned", "closed", "hidden"]
    list_filter = ["pinned", "closed", "hidden", "region", "topics"]
    list_select_related = ["author"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["author", "topics"]
    readonly_fields = [
        "accepted_answer",
        "hidden",
        "hidden_reason",
        "hidden_by",
        "created_at",
        "notify_author",
    ]
    inlines = [AnswerInline]
    actions = ["pin", "unpin", "close", "reopen", "unhide_questions"]

    @admin.action(description=_("Pin the selected questions"))
    def pin(self, request, queryset):
        self._moderate(request, queryset, pinned=True)

    @admin.action(description=_("Unpin the selected questions"))
    def unpin(self, request, queryset):
        self._moderate(request, queryset, pinned=False)

    @admin.action(description=_("Close the selected questions"))
    def close(self, request, queryset):
        self._moderate(request, queryset, closed=True)

    @admin.action(description=_("Reopen the selected questions"))
    def reopen(self, request, queryset):
        self._moderate(request, queryset, closed=False)

    @admin.action(description=_("Show the selected questions to members again"))
    def unhide_questions(self, request, queryset):
        _for_each(
            request, queryset, lambda question: services.unhide(item=question, user=request.user)
        )

    def _moderate(self, request, queryset, **change):
        _for_each(
            request,
            queryset,
            lambda question: services.moderate(question=question, user=request.user, **change),
        )


def _for_each(request, queryset, act):
    """The portal's one loop over selected rows, with its counted message."""
    for_each_selected(
        request,
        queryset,
        act,
        done=ngettext_lazy("%(count)d entry changed.", "%(count)d entries changed.", "count"),
        refusals=(ValidationError, PermissionDenied),
    )


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "hidden"]
    list_filter = ["hidden"]
    list_select_related = ["author", "question"]
    search_fields = ["text", "question__title"]
    autocomplete_fields = ["author", "question"]
    readonly_fields = ["created_at", "hidden", "hidden_reason"]
    actions = ["unhide_answers"]

    @admin.action(description=_("Show the selected answers to members again"))
    def unhide_answers(self, request, queryset):
        _for_each(request, queryset, lambda reply: services.unhide(item=reply, user=request.user))


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "__str__", "delivery"]
    list_filter = ["delivery", "region", "topic"]
    list_select_related = ["user", "topic"]
    autocomplete_fields = ["user", "topic"]
