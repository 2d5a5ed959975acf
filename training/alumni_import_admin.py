"""The admin's pages for importing alumni: upload, preview, import.

Nothing is stored before staff confirm the preview. The rows read from the
file travel from the preview to the confirmation signed (for this staff
member, for an hour), so the browser cannot change them; the import checks
them again against the database as it is then.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from training import alumni_import
from training.access import may_import_alumni
from training.models import Programme

EXAMPLE_NAME = "alumni-import-beispiel.csv"
_SALT = "training.alumni_import_admin"
_MAX_AGE = 60 * 60


class AlumniImportForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"),
        queryset=Programme.objects.run_by_network(),
        empty_label=None,
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy(
            "One row per person with the columns Kohorte, Name, E-Mail, Arbeitgeber, Kommune "
            "and Projekttitel. The cohort is its number (3), its year (2016) or both "
            "(3 (2016)); the municipality its name or AGS."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            self.rows = alumni_import.read_rows(uploaded)
        except alumni_import.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return uploaded


def pack(*, rows, programme, user):
    return signing.dumps(
        {"programme": programme.pk, "rows": rows}, salt=f"{_SALT}:{user.pk}", compress=True
    )


def unpack(data, *, user):
    """``(rows, programme)`` from ``pack``'s text; raises BadSignature for
    text that is not, or no longer, this staff member's."""
    content = signing.loads(data, salt=f"{_SALT}:{user.pk}", max_age=_MAX_AGE)
    try:
        programme = Programme.objects.run_by_network().get(pk=content["programme"])
        rows = [(int(line), dict(values)) for line, values in content["rows"]]
    except (Programme.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature from error
    return rows, programme


class AlumniImportAdminMixin:
    """For the cohort admin: "Import alumni" beside the list of cohorts."""

    change_list_template = "admin/training/cohort/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import-alumni/", view(self.import_alumni), name="training_cohort_import"),
            path(
                "import-alumni/confirm/",
                view(require_POST(self.confirm_import)),
                name="training_cohort_import_confirm",
            ),
            path(
                "import-alumni/example.csv",
                view(self.import_example),
                name="training_cohort_import_example",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_import": may_import_alumni(request.user)}
        return super().changelist_view(request, extra_context)

    def import_alumni(self, request):
        self._check_may_import(request)
        form = AlumniImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            programme = form.cleaned_data["programme"]
            result = alumni_import.preview(rows=form.rows, programme=programme)
            data = pack(rows=form.rows, programme=programme, user=request.user)
            return self._render(request, form=None, preview=result, data=data)
        return self._render(request, form=form)

    def confirm_import(self, request):
        self._check_may_import(request)
        try:
            rows, programme = unpack(request.POST.get("data", ""), user=request.user)
        except signing.BadSignature:
            self.message_user(
                request,
                _("The preview has expired or could not be read; please upload the file again."),
                messages.ERROR,
            )
            return redirect("admin:training_cohort_import")
        try:
            result = alumni_import.import_alumni(rows=rows, programme=programme, by=request.user)
        except alumni_import.ImportRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return self._render(request, form=None, preview=refusal.preview)
        invited = result.new_accounts
        self.message_user(
            request,
            ngettext("%(count)d alumnus imported.", "%(count)d alumni imported.", len(result.rows))
            % {"count": len(result.rows)}
            + " "
            + ngettext(
                "%(count)d invitation to claim the entry is being sent.",
                "%(count)d invitations to claim the entry are being sent.",
                invited,
            )
            % {"count": invited},
            messages.SUCCESS,
        )
        return redirect("admin:training_cohort_changelist")

    def import_example(self, request):
        self._check_may_import(request)
        return FileResponse(
            alumni_import.EXAMPLE_FILE.open("rb"),
            as_attachment=True,
            filename=EXAMPLE_NAME,
            content_type="text/csv; charset=utf-8",
        )

    def _check_may_import(self, request):
        if not may_import_alumni(request.user):
            raise PermissionDenied

    def _render(self, request, *, form, preview=None, data=""):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import alumni of earlier cohorts"),
            "opts": self.model._meta,
            "form": form,
            "preview": preview,
            "data": data,
            "example_url": reverse("admin:training_cohort_import_example"),
            "changelist_url": reverse("admin:training_cohort_changelist"),
        }
        return TemplateResponse(request, "admin/training/cohort/import_alumni.html", context)
