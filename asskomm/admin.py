"""The flat pages' admin, and pieces the apps' admin classes share."""

from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin as DjangoFlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage
from django.utils.translation import gettext_lazy as _

from asskomm.markup import clean_html


class SafeFlatpageForm(FlatpageForm):
    def clean_content(self):
        # Saved as it will appear, so staff see what the page keeps.
        return clean_html(self.cleaned_data["content"])


admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class FlatPageAdmin(DjangoFlatPageAdmin):
    """The Impressum and the Datenschutzerklärung: HTML reduced to safe
    markup on save (and again when shown)."""

    form = SafeFlatpageForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["content"].help_text = _(
            "HTML with paragraphs, headings (h2, h3), lists, links, bold, italics, line "
            "breaks and simple tables; anything else is removed when you save."
        )
        return form


class DeleteOneByOneMixin:
    """Deletes only objects ``may_delete()`` allows, one at a time.

    For records whose removal would bypass a rule (a confirmed place, an
    accepted application): the bulk "delete selected" action would skip the
    check, so it is switched off.
    """

    def may_delete(self, obj):
        return True

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self.may_delete(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
