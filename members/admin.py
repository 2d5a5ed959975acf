from contextlib import contextmanager

from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from asskomm.admin import KeptListMixin
from asskomm.batches import for_each_selected
from members import audit, services
from members.models import (
    AuditEntry,
    Consent,
    MembershipRequest,
    Municipality,
    MunicipalityContact,
    Organisation,
    Region,
    User,
    WorkingGroupSeat,
)


class ReadOnlyAdminMixin:
    """Records nobody edits in the admin, only reads."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminMixin:
    """Records in the audit trail what staff change through this admin:
    the change form (with its inlines and many-to-many fields), deletions
    and every action on selected records."""

    # Inlines whose rows are audited too (an event's registrations).
    audited_inline_models = ()

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "audit_trail"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "audit_trail"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Changes by staff"), {"fields": ["audit_trail"]})]

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj):
        entries = list(audit.entries_for(obj)) if obj is not None and obj.pk else []
        if not entries:
            return _("No changes by staff recorded.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    date_format(timezone.localtime(entry.at), "SHORT_DATETIME_FORMAT"),
                    entry.actor or "–",
                    entry.get_action_display(),
                    "; ".join(
                        f"{name}: {before!s} → {after!s}"
                        for name, (before, after) in entry.changes.items()
                    ),
                )
                for entry in entries
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("at"),
            _("changed by"),
            _("action"),
            _("changes"),
            rows,
        )

    @contextmanager
    def audited(self, request, instances):
        """Records what the block changes on ``instances``, compared as
        stored before and after (a form has already changed them in memory)."""
        stored = [self._stored(instance) for instance in instances]
        before = [(instance, audit.snapshot(instance)) for instance in stored if instance]
        yield
        for instance, snapshot in before:
            fresh = self._stored(instance)
            if fresh is not None:
                audit.record_change(actor=request.user, instance=fresh, before=snapshot)

    @staticmethod
    def _stored(instance):
        return type(instance)._default_manager.filter(pk=instance.pk).first()

    def save_model(self, request, obj, form, change):
        form._audit_before = audit.snapshot(self._stored(obj) if change else None)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit.record_change(actor=request.user, instance=form.instance, before=form._audit_before)

    def save_formset(self, request, form, formset, change):
        if formset.model not in self.audited_inline_models:
            return super().save_formset(request, form, formset, change)
        changed = [
            inline_form.instance
            for inline_form in formset.initial_forms
            if inline_form.instance.pk and inline_form.has_changed()
        ]
        with self.audited(request, changed):
            return super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        audit.record_deletion(actor=request.user, instance=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record_deletion(actor=request.user, instance=obj)
        super().delete_queryset(request, queryset)

    def response_action(self, request, queryset):
        if request.POST.get("select_across") == "1":
            selected = queryset
        else:
            selected = queryset.filter(pk__in=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
        with self.audited(request, selected):
            return super().response_action(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type", "at"]
    list_select_related = ["actor", "content_type"]
    search_fields = ["object_repr", "actor__email", "actor__last_name"]
    fields = ["at", "actor", "action", "content_type", "object_id", "object_repr", "changes"]
    readonly_fields = fields
    date_hierarchy = "at"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "kind", "text_version", "given_at", "withdrawn_at"]
    list_filter = ["kind", "text_version"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__last_name"]
    fields = list_display
    readonly_fields = list_display


class RegionFilter(admin.SimpleListFilter):
    """Filters by the region the AGS names; ``field`` is the lookup path."""

    title = _("region")
    parameter_name = "region"
    field = "region"

    def lookups(self, request, model_admin):
        return Region.choices

    def queryset(self, request, queryset):
        if self.value() in Region.values:
            return queryset.filter(**{self.field: self.value()})
        return queryset


class PersonRegionFilter(RegionFilter):
    field = "municipality__region"


class MunicipalityContactInline(admin.TabularInline):
    model = MunicipalityContact
    extra = 0
    fields = ["date", "kind", "topic", "note", "follow_up_on", "follow_up_done", "staff_member"]
    autocomplete_fields = ["topic", "staff_member"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class FollowUpFilter(admin.SimpleListFilter):
    title = _("follow-up")
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [("due", _("due")), ("open", _("open")), ("done", _("done"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.follow_ups_due()
        if self.value() == "open":
            return queryset.filter(follow_up_on__isnull=False, follow_up_done=False)
        if self.value() == "done":
            return queryset.filter(follow_up_done=True)
        return queryset


@admin.register(MunicipalityContact)
class MunicipalityContactAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "municipality",
        "kind",
        "topic",
        "staff_member",
        "follow_up_on",
        "follow_up_done",
    ]
    list_filter = [FollowUpFilter, "kind", "topic", "municipality__region", "staff_member"]
    list_select_related = ["municipality", "topic", "staff_member"]
    search_fields = ["municipality__name", "municipality__ags", "note"]
    autocomplete_fields = ["municipality", "topic", "staff_member"]
    date_hierarchy = "date"
    fields = [
        "municipality",
        "date",
        "kind",
        "topic",
        "note",
        "follow_up_on",
        "follow_up_done",
        "staff_member",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_changeform_initial_data(self, request):
        return {"staff_member": request.user.pk, **super().get_changeform_initial_data(request)}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    inlines = [MunicipalityContactInline]
    list_display = [
        "name",
        "ags",
        "kind",
        "get_region_display",
        "kreis_name",
        "is_model_municipality",
        "security_analysis_year",
        "member_since",
    ]
    list_filter = [RegionFilter, "kind", "is_model_municipality", "security_analysis_year"]
    search_fields = ["name", "ags"]
    readonly_fields = ["get_region_display", "kreis_name"]
    fields = [
        "name",
        "ags",
        "kind",
        "get_region_display",
        "kreis_name",
        "member_since",
        "is_model_municipality",
        "security_analysis_year",
        "website",
    ]

    @admin.display(description=_("district"))
    def kreis_name(self, obj):
        return obj.kreis_name if obj.ags else ""


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeForm(DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(KeptListMixin, AuditedAdminMixin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["last_name", "first_name", "email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "affiliation",
        "function",
        "network_member",
        "is_staff",
        "date_joined",
    ]
    list_filter = [
        "groups",
        "is_staff",
        "is_active",
        "listed_in_directory",
        PersonRegionFilter,
        "preferred_language",
    ]
    list_select_related = ["municipality", "organisation"]
    search_fields = ["email", "first_name", "last_name", "function"]
    autocomplete_fields = ["municipality", "organisation"]
    filter_horizontal = ["groups", "user_permissions", "expertise_topics"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {
                "fields": [
                    "salutation",
                    "title",
                    "first_name",
                    "last_name",
                    "function",
                    "phone",
                    "preferred_language",
                ]
            },
        ),
        (
            _("Affiliation and directory"),
            {"fields": ["municipality", "organisation", "listed_in_directory"]},
        ),
        (
            _("Expertise"),
            {"fields": ["expertise_topics", "expertise_keywords", "profile_text"]},
        ),
        (
            _("Roles"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        ),
    ]

    def get_queryset(self, request):
        members = User.objects.network_members().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_network_member_flag=Exists(members))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only superusers hand out admin access, groups and permissions.
            readonly += User.PRIVILEGE_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        # Also guards the password form (403) and the delete confirmation.
        if obj is not None and not obj.may_be_changed_by(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.may_be_changed_by(request.user):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("affiliation"))
    def affiliation(self, obj):
        return obj.affiliation or "–"

    @admin.display(description=_("network member"), boolean=True)
    def network_member(self, obj):
        return obj.is_network_member_flag


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's admin of e-mail addresses, without a way into a superuser's
    account for those who are none (an address of theirs, then a password
    reset)."""

    def get_queryset(self, request):
        addresses = super().get_queryset(request)
        if not request.user.is_superuser:
            addresses = addresses.exclude(user__is_superuser=True)
        return addresses

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(is_superuser=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MembershipRequest)
class MembershipRequestAdmin(AuditedAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/members/membershiprequest/change_form.html"
    list_display = [
        "user",
        "affiliation",
        "function",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    list_filter = ["status", "created_at", PersonRegionFilter]
    list_select_related = ["user", "municipality", "organisation", "decided_by"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "municipality__name",
        "organisation__name",
        "function",
    ]
    autocomplete_fields = ["user", "municipality", "organisation"]
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]
    date_hierarchy = "created_at"
    actions = ["approve", "decline"]

    @admin.display(description=_("affiliation"))
    def affiliation(self, obj):
        return obj.affiliation

    @admin.action(description=_("Approve selected requests (makes them members, sends e-mail)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, services.approve_membership)

    @admin.action(description=_("Decline selected requests (sends e-mail with the note)"))
    def decline(self, request, queryset):
        self._decide(request, queryset, services.decline_membership)

    def _decide(self, request, queryset, decide):
        def decide_audited(membership_request):
            # The request itself is audited by the action or the button.
            with self.audited(request, [membership_request.user]):
                decide(membership_request=membership_request, decided_by=request.user)

        for_each_selected(
            request,
            queryset,
            decide_audited,
            done=ngettext_lazy(
                "%(count)d request decided; the person has been told by e-mail.",
                "%(count)d requests decided; the people have been told by e-mail.",
                "count",
            ),
            refusals=services.MembershipError,
        )

    def response_change(self, request, obj):
        for button, decide in (
            ("_approve", services.approve_membership),
            ("_decline", services.decline_membership),
        ):
            if button in request.POST:
                with self.audited(request, [obj]):
                    self._decide(request, MembershipRequest.objects.filter(pk=obj.pk), decide)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


@admin.register(WorkingGroupSeat)
class WorkingGroupSeatAdmin(admin.ModelAdmin):
    list_display = ["holder", "delegate", "deputy"]
    list_select_related = ["municipality", "organisation", "delegate", "deputy"]
    search_fields = [
        "municipality__name",
        "organisation__name",
        "organisation__short_name",
        "delegate__last_name",
        "deputy__last_name",
    ]
    autocomplete_fields = ["municipality", "organisation", "delegate", "deputy"]

    @admin.display(description=_("held by"))
    def holder(self, obj):
        return obj.holder
