from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from asskomm.batches import for_each_selected
from members import services
from members.models import (
    MembershipRequest,
    Municipality,
    Organisation,
    Region,
    User,
    WorkingGroupSeat,
)


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


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
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
class UserAdmin(DjangoUserAdmin):
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
class MembershipRequestAdmin(admin.ModelAdmin):
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
        for_each_selected(
            request,
            queryset,
            lambda membership_request: decide(
                membership_request=membership_request, decided_by=request.user
            ),
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
