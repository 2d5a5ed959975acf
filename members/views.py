import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from members import facts, services
from members.access import MemberRequiredMixin, member_required
from members.filters import DirectoryFilter, MunicipalityFilter
from members.forms import MembershipRequestForm, ProfileForm
from members.models import Municipality, User, WorkingGroupSeat
from members.services import MembershipError, request_membership

PAGE_SIZE = 25


@login_required
def dashboard(request, membership_form=None):
    user = request.user
    # The panels of other apps read the person's own rows (calendar feed,
    # digest subscription, last visit): one query brings them with the
    # person's facts and affiliation.
    facts.load(user, related=["municipality", "organisation", *facts.own_rows(User)])
    member = user.is_network_member
    # Members see neither their requests nor the form.
    shown_request = None if member else user.membership_request_to_show()
    may_request = not member and user.may_request_membership(shown_request)
    if may_request and membership_form is None:
        membership_form = MembershipRequestForm(initial={"function": user.function})
    return render(
        request,
        "members/dashboard.html",
        {
            "latest_request": shown_request,
            "membership_form": membership_form if may_request else None,
            "seats": WorkingGroupSeat.objects.held_by(user).select_related(
                "municipality", "organisation"
            )
            if member and user.is_working_group_member
            else [],
        },
    )


@require_POST
@login_required
def membership_request(request):
    form = MembershipRequestForm(request.POST)
    if not form.is_valid():
        return dashboard(request, membership_form=form)
    try:
        request_membership(user=request.user, **form.cleaned_data)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you. The ASSKomm team will look at your request and write to you."),
        )
    return redirect("members:dashboard")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        services.record_directory_choice(user=user)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("members:profile")
        # The profile's language is the person's choice from now on.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(request, "members/profile.html", {"form": form})


class DirectoryView(MemberRequiredMixin, FilterView):
    filterset_class = DirectoryFilter
    template_name = "members/directory.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return User.objects.directory_for(self.request.user).with_topic_names()


@member_required
def person_detail(request, pk):
    """A listed person's profile page; people not in the directory are
    nobody's business here (404)."""
    person = get_object_or_404(
        User.objects.directory_for(request.user).prefetch_related("expertise_topics"), pk=pk
    )
    return render(request, "members/person_detail.html", {"person": person})


class MunicipalityListView(MemberRequiredMixin, FilterView):
    filterset_class = MunicipalityFilter
    template_name = "members/municipality_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Municipality.objects.visible_to(self.request.user).with_listed_people_count(
            self.request.user
        )


@login_required
def municipality_detail(request, ags):
    # The municipality and the Landkreis it belongs to, in one query.
    found = {
        place.ags: place
        for place in Municipality.objects.visible_to(request.user).with_landkreis_of(ags)
    }
    if ags not in found:
        raise Http404
    municipality = found[ags]
    return render(
        request,
        "members/municipality_detail.html",
        {
            "municipality": municipality,
            "landkreis": None if municipality.is_kreis else found.get(municipality.kreis_ags),
            "towns": Municipality.objects.in_kreis(municipality.kreis_key)
            if municipality.is_kreis
            else Municipality.objects.none(),
            "people": User.objects.directory_for(request.user)
            .filter(municipality=municipality)
            .with_topic_names(),
        },
    )


@login_required
def privacy(request):
    return render(
        request,
        "members/privacy.html",
        {
            "consents": request.user.consents.all(),
            "blockers": services.deletion_blockers(user=request.user),
        },
    )


@never_cache
@login_required
def my_data(request):
    """What the portal holds about the person, to read."""
    return render(
        request,
        "members/my_data.html",
        {"sections": services.export_personal_data(user=request.user), "now": timezone.now()},
    )


@never_cache
@login_required
def my_data_download(request):
    data = services.personal_data_as_json(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"asskomm-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
def delete_account(request):
    blockers = services.deletion_blockers(user=request.user)
    if request.method == "POST" and not blockers:
        try:
            services.delete_account(user=request.user)
        except services.AccountDeletionError as error:
            messages.error(request, str(error))
            return redirect("members:privacy")
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(request, "members/delete_account.html", {"blockers": blockers})
