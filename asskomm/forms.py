from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form, allauth's included, with the portal's markup:
    a visible label for each field, help text and errors tied to the input
    through aria-describedby (Django's own wiring), and a class to style a
    field in error."""

    form_template_name = "includes/forms/form.html"
    field_template_name = "includes/forms/field.html"
