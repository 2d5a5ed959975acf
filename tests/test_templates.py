"""The templates are ready for a strict Content-Security-Policy: no inline
scripts or styles, no event-handler attributes, nothing from other hosts."""

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parent.parent / "templates").rglob("*.html"))

FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline style element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "third-party host": re.compile(r"""(?:src|href)=["']https?://""", re.IGNORECASE),
}


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_template_is_ready_for_a_strict_content_security_policy(template):
    text = template.read_text(encoding="utf-8")
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{template}: {', '.join(found)}"


STYLE_SHEETS = sorted((Path(__file__).resolve().parent.parent / "static" / "css").glob("*.css"))
BUTTON = re.compile(r"<button\b[^>]*>", re.IGNORECASE)
CLASSES = re.compile(r'class="([^"{}%]*)"')


def test_every_button_of_the_portal_wears_a_class_the_style_sheets_define():
    """A misspelt class leaves a button in the browser's grey default, as
    “Mark as the answer that helped” was in the exchange."""
    defined = set(re.findall(r"\.([A-Za-z_][\w-]*)", "".join(p.read_text() for p in STYLE_SHEETS)))
    unknown = [
        f"{template.name}: {name}"
        for template in TEMPLATES
        if "admin" not in template.parts
        for button in BUTTON.findall(template.read_text(encoding="utf-8"))
        for classes in CLASSES.findall(button)
        for name in classes.split()
        if name not in defined
    ]
    assert unknown == []
