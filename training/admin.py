from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.db.models import Count, Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from asskomm.admin import DeleteOneByOneMixin, KeptListMixin
from asskomm.csv_export import csv_response, decimal
from asskomm.pagination import EstimatedCountPaginator
from members.admin import AuditedAdminMixin
from training import bulk, services
from training.alumni_import_admin import AlumniImportAdminMixin
from training.models import (
    Application,
    Cohort,
    CohortSession,
    Module,
    Programme,
    ProjectTeam,
    Review,
    SelectionDeviation,
    StatusChange,
)
from training.panels import OFFER_WARNING
from training.reports import APPLICATION_COLUMNS

Status = Application.Status


class CohortFilter(admin.SimpleListFilter):
    """Filters by cohort. Offers the latest ``RECENT_COHORTS`` (and the one
    chosen): the work is with the current cohorts, and a list of every
    cohort ever run grew with the years, on every page of the list. An
    older cohort's applications open from its selection page or by its
    number in the address (``?cohort=…``)."""

    title = _("cohort")
    parameter_name = "cohort"
    RECENT_COHORTS = 12

    def lookups(self, request, model_admin):
        latest = Cohort.objects.order_by("-starts_on", "-pk")
        shown = list(latest.values_list("pk", "number", "programme__name")[: self.RECENT_COHORTS])
        chosen = self.value()
        if chosen and chosen.isdigit() and int(chosen) not in {row[0] for row in shown}:
            shown += latest.filter(pk=chosen).values_list("pk", "number", "programme__name")
        return [(pk, Cohort.name_of(number, programme)) for pk, number, programme in shown]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(cohort_id=self.value())
        return queryset


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0
    fields = ["number", "title", "description"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "provider", "certificate_title", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "provider"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ModuleInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "provider", "position"]}),
        (_("Description"), {"fields": ["summary", "description", "external_url"]}),
        (
            _("Completion and certificate"),
            {"fields": ["certificate_title", "min_sessions_attended", "project_required"]},
        ),
    ]


class CohortSessionInline(admin.TabularInline):
    model = CohortSession
    extra = 0
    fields = ["module", "starts_at", "ends_at", "venue"]
    show_change_link = True
    ordering = ["starts_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "module":
            kwargs["queryset"] = Module.objects.select_related("programme")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CohortAdminForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "programme",
            "number",
            "starts_on",
            "capacity",
            "status",
            "applications_open_at",
            "applications_close_at",
            "offer_reply_days",
        ]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        try:
            services.check_capacity(cohort=self.instance, capacity=capacity)
        except services.TrainingError as error:
            raise forms.ValidationError(str(error)) from error
        return capacity


@admin.register(Cohort)
class CohortAdmin(AlumniImportAdminMixin, admin.ModelAdmin):
    form = CohortAdminForm
    change_form_template = "admin/training/cohort/change_form.html"
    list_display = [
        "__str__",
        "starts_on",
        "status",
        "capacity",
        "applications_count",
        "accepted_count",
        "waitlisted_count",
        "staff_pages",
    ]
    list_filter = ["programme", "status"]
    list_select_related = ["programme"]
    search_fields = ["programme__name", "number"]
    readonly_fields = ["selection_confirmed_at", "selection_confirmed_by"]
    inlines = [CohortSessionInline]
    fieldsets = [
        (None, {"fields": ["programme", "number", "starts_on", "capacity", "status"]}),
        (
            _("Applications"),
            {
                "fields": [
                    "applications_open_at",
                    "applications_close_at",
                    "offer_reply_days",
                    "selection_confirmed_at",
                    "selection_confirmed_by",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("applications"), ordering="applications_count")
    def applications_count(self, obj):
        return obj.applications_count

    @admin.display(description=_("accepted"), ordering="accepted_count")
    def accepted_count(self, obj):
        return obj.accepted_count

    @admin.display(description=_("waiting list"), ordering="waitlisted_count")
    def waitlisted_count(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("pages"))
    def staff_pages(self, obj):
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            [(reverse(f"training:{name}", args=[obj.pk]), label) for name, label in STAFF_PAGES],
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "staff_pages": [
                (reverse(f"training:{name}", args=[object_id]), label)
                for name, label in STAFF_PAGES
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)


STAFF_PAGES = [
    ("selection", _("Selection")),
    ("report", _("Report")),
    ("completion", _("Completion")),
]


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = CohortSession
        fields = ["cohort", "module", "starts_at", "ends_at", "venue", "attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned = super().clean()
        cohort, attendees = cleaned.get("cohort"), cleaned.get("attendees")
        if cohort is not None and attendees is not None:
            try:
                services.check_attendees(cohort=cohort, attendees=attendees)
            except services.TrainingError as error:
                self.add_error("attendees", str(error))
        return cleaned


@admin.register(CohortSession)
class CohortSessionAdmin(admin.ModelAdmin):
    form = AttendanceForm
    list_display = ["__str__", "cohort", "starts_at", "ends_at", "venue", "attendee_count"]
    list_filter = [CohortFilter]
    list_select_related = ["cohort__programme", "module"]
    search_fields = ["venue", "module__title"]
    fields = ["cohort", "module", "starts_at", "ends_at", "venue", "attendees"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(attendee_count=Count("attendees"))

    @admin.display(description=_("attended"), ordering="attendee_count")
    def attendee_count(self, obj):
        return obj.attendee_count

    def save_related(self, request, form, formsets, change):
        # Who attended is recorded by the service, which checks its rule.
        attendees = form.cleaned_data.pop("attendees", None)
        super().save_related(request, form, formsets, change)
        if attendees is not None:
            services.record_attendance(session=form.instance, attendees=attendees)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        participants = Application.objects.participants().select_related("applicant")
        attendees = form.base_fields["attendees"]
        attendees.queryset = (
            participants.filter(cohort=obj.cohort_id) if obj else participants.none()
        ).order_by("applicant__last_name", "applicant__first_name")
        attendees.label_from_instance = lambda application: str(application.applicant)
        if obj is None:
            attendees.help_text = _("Save the weekend first; then tick who attended.")
        return form


class ReasonActionForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        help_text=_("Required to accept, waitlist or not accept: kept in the history."),
    )


class ReviewedFilter(admin.SimpleListFilter):
    title = _("reviewed")
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("yes", _("rated by staff")), ("no", _("not rated yet"))]

    def queryset(self, request, queryset):
        rated = Exists(Review.objects.filter(application=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(rated)
        if self.value() == "no":
            return queryset.exclude(rated)
        return queryset


class OfferFilter(admin.SimpleListFilter):
    title = _("offer")
    parameter_name = "offer"

    def lookups(self, request, model_admin):
        return [
            ("open", _("open offers")),
            ("expiring", _("reply deadline within two days")),
        ]

    def queryset(self, request, queryset):
        offered = queryset.filter(status=Status.OFFERED)
        if self.value() == "open":
            return offered
        if self.value() == "expiring":
            return offered.filter(offer_expires_at__lte=timezone.now() + OFFER_WARNING)
        return queryset


class ReviewFormSet(BaseInlineFormSet):
    """Each staff member rates once and changes only their own rating; the
    rules are the services'."""

    request_user = None

    def clean(self):
        super().clean()
        user = self.request_user
        new = [
            form
            for form in self.forms
            if not form.instance.pk and form.has_changed() and not self._should_delete_form(form)
        ]
        for form in self.forms:
            if form.instance.pk and form.has_changed():
                try:
                    services.check_may_change_review(review=form.instance, by=user)
                except services.TrainingError as error:
                    form.add_error(None, str(error))
        if len(new) > 1:
            raise forms.ValidationError(
                _("You have already rated this application; change your rating instead.")
            )
        if new:
            try:
                services.check_may_rate(application=self.instance, by=user)
            except services.TrainingError as error:
                raise forms.ValidationError(str(error)) from error


class ReviewInline(admin.TabularInline):
    model = Review
    formset = ReviewFormSet
    extra = 1
    fields = ["reviewer", "rating", "comment", "updated_at"]
    readonly_fields = ["reviewer", "updated_at"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "waitlist_position", "changed_by", "reason"]
    readonly_fields = fields
    ordering = ["changed_at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


DELETABLE = (Application.Status.REJECTED, Application.Status.WITHDRAWN)


@admin.register(Application)
class ApplicationAdmin(KeptListMixin, AuditedAdminMixin, DeleteOneByOneMixin, admin.ModelAdmin):
    # Fifty rows a page: the admin renders every cell through its display
    # functions, so a page of 100 took twice as long to come.
    list_per_page = 50
    list_display = [
        "applicant",
        "cohort",
        "employer_kind",
        "employer_name",
        "status",
        "waitlist_rank",
        "average_rating",
        "submitted_at",
    ]
    list_filter = [
        CohortFilter,
        "status",
        "employer_kind",
        ReviewedFilter,
        OfferFilter,
        "submitted_at",
    ]
    list_select_related = ["applicant", "cohort__programme", "municipality"]
    # Counted once (with the filters), and without a filter by the database's
    # estimate once the table is large (asskomm.pagination).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    search_fields = [
        "applicant__email",
        "applicant__first_name",
        "applicant__last_name",
        "employer_name",
        "function",
        "municipality__name",
    ]
    # No date_hierarchy: its list of years reads every application; the
    # "submitted_at" filter above asks nothing of the database.
    view_on_site = False
    action_form = ReasonActionForm
    actions = ["accept", "waitlist", "reject", "confirm_completion", "export_csv"]
    inlines = [ReviewInline, StatusChangeInline]
    readonly_fields = [
        "cohort",
        "applicant",
        "status",
        "waitlist_rank",
        "offer_expires_at",
        "average_rating",
        "deviation",
        "submitted_at",
        "updated_at",
        "consent_given_at",
        "consent_text_version",
        "completed_on",
        "completion_confirmed_by",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "cohort",
                    "applicant",
                    "status",
                    "waitlist_rank",
                    "offer_expires_at",
                    "average_rating",
                    "deviation",
                ]
            },
        ),
        (
            _("Employer"),
            {
                "fields": [
                    "employer_name",
                    "employer_kind",
                    "municipality",
                    "function",
                    "supervisor_name",
                    "supervisor_email",
                    "employer_release_confirmed",
                ]
            },
        ),
        (_("Motivation"), {"fields": ["motivation", "project_idea"]}),
        (
            _("Record"),
            {
                "fields": [
                    "submitted_at",
                    "updated_at",
                    "consent_given_at",
                    "consent_text_version",
                    "completed_on",
                    "completion_confirmed_by",
                    "listed_in_alumni_directory",
                ]
            },
        ),
    ]
    autocomplete_fields = ["municipality"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_rating()

    def has_add_permission(self, request):
        return False  # applications arrive through the portal

    def may_delete(self, obj):
        # Deleting a place would bypass the waiting list: only applications
        # that hold none (rejected, withdrawn) may go.
        return obj.status in DELETABLE

    @admin.display(description=_("average rating"), ordering="average_rating")
    def average_rating(self, obj):
        if obj.average_rating is None:
            return "–"
        return ngettext(
            "%(average)s (%(count)d rating)", "%(average)s (%(count)d ratings)", obj.review_count
        ) % {"average": decimal(obj.average_rating), "count": obj.review_count}

    @admin.display(description=_("deviation from the proposal"))
    def deviation(self, obj):
        found = SelectionDeviation.objects.filter(application=obj).select_related("decided_by")
        deviation = found.first()
        if deviation is None:
            return "–"
        return _("%(decision)s, by %(person)s: %(reason)s") % {
            "decision": deviation.get_decision_display(),
            "person": deviation.decided_by or "–",
            "reason": deviation.reason,
        }

    def save_formset(self, request, form, formset, change):
        if formset.model is not Review:
            return super().save_formset(request, form, formset, change)
        # The services keep the rules; the lists feed the admin's history.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.initial_forms + formset.extra_forms:
            review, data = inline_form.instance, inline_form.cleaned_data
            if formset._should_delete_form(inline_form):
                if review.pk:
                    services.delete_review(review=review, by=request.user)
                    formset.deleted_objects.append(review)
            elif inline_form.has_changed() and review.pk is None:
                review = services.rate(
                    application=form.instance,
                    by=request.user,
                    rating=data["rating"],
                    comment=data.get("comment", ""),
                )
                formset.new_objects.append(review)
            elif inline_form.has_changed():
                services.change_review(
                    review=review, by=request.user, rating=data["rating"], comment=data["comment"]
                )
                formset.changed_objects.append((review, inline_form.changed_data))

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "projectteam":
            # Choosing a project team's members: participants only.
            queryset = queryset.participants()
        return queryset, may_have_duplicates

    @admin.action(description=_("Accept (within the places; with a reason)"))
    def accept(self, request, queryset):
        self._decide(request, queryset, SelectionDeviation.Decision.ACCEPT)

    @admin.action(description=_("Put on the waiting list (with a reason)"))
    def waitlist(self, request, queryset):
        self._decide(request, queryset, SelectionDeviation.Decision.WAITLIST)

    @admin.action(description=_("Do not accept (with a reason)"))
    def reject(self, request, queryset):
        self._decide(request, queryset, SelectionDeviation.Decision.REJECT)

    def _decide(self, request, queryset, decision):
        bulk.change_decisions(
            request,
            queryset.order_by("submitted_at", "pk"),
            decision=decision,
            reason=request.POST.get("reason", ""),
        )

    @admin.action(description=_("Confirm completion (participants who meet the rule)"))
    def confirm_completion(self, request, queryset):
        bulk.confirm_completions(
            request, queryset.with_attendance().select_related("cohort__programme")
        )

    @admin.action(description=_("Export as CSV"))
    def export_csv(self, request, queryset):
        applications = queryset.with_waitlist_position().select_related(
            "applicant", "cohort__programme", "municipality"
        )
        return csv_response(
            filename="bewerbungen.csv",
            columns=APPLICATION_COLUMNS,
            objects=applications.order_by("cohort", "submitted_at"),
        )


class ProjectTeamForm(forms.ModelForm):
    class Meta:
        model = ProjectTeam
        fields = ["cohort", "title", "municipality", "members", "description", "status", "topics"]

    def clean(self):
        cleaned = super().clean()
        cohort, members = cleaned.get("cohort"), cleaned.get("members")
        if cohort is not None and members is not None:
            try:
                services.check_project_team(team=self.instance, cohort=cohort, members=members)
            except services.TrainingError as error:
                self.add_error("members", str(error))
        return cleaned


@admin.register(ProjectTeam)
class ProjectTeamAdmin(admin.ModelAdmin):
    form = ProjectTeamForm
    list_display = ["title", "cohort", "municipality", "status", "member_names"]
    list_filter = ["status", CohortFilter, "topics"]
    list_select_related = ["cohort__programme", "municipality"]
    search_fields = ["title", "municipality__name", "members__applicant__last_name"]
    autocomplete_fields = ["municipality", "members"]
    filter_horizontal = ["topics"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("members__applicant")

    def save_related(self, request, form, formsets, change):
        # The members are set by the service, which checks the team's rule.
        members = form.cleaned_data.pop("members", None)
        super().save_related(request, form, formsets, change)
        if members is not None:
            services.set_project_team_members(team=form.instance, members=members)

    @admin.display(description=_("members"))
    def member_names(self, obj):
        return ", ".join(str(member.applicant) for member in obj.members.all())
