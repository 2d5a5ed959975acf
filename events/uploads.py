"""Uploaded documents: where they live and what may be uploaded.

Files are stored in ``STORAGES["private"]``: under MEDIA_ROOT/private,
which no URL publishes, or in a private S3-compatible bucket when several
hosts share them; the portal hands them out through a view that checks
permission. A file is
accepted by what it is, not by what it is called: its first bytes (and,
for Office files, its inner structure) must match its extension.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.translation import gettext_lazy as _
from storages.backends.s3 import S3Storage

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024

PDF = b"%PDF-"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
ZIP = b"PK\x03\x04"

# extension -> how to recognise the content
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
SIGNATURES = {
    "pdf": PDF,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
}
ALLOWED_EXTENSIONS = sorted([*SIGNATURES, *OOXML_PARTS, *ODF_TYPES])


class NoPublicUrlMixin:
    """Private files have no URL: the portal hands them out through a view
    that checks permission, never by a link to the storage."""

    public_urls = False

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public URL; use the download view.")


@deconstructible
class PrivateStorage(NoPublicUrlMixin, FileSystemStorage):
    """Files under MEDIA_ROOT/private, which no URL publishes (one host).
    Forms and the admin link to the download view instead
    (``asskomm.admin.PrivateFilesMixin``)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, os.path.join(settings.MEDIA_ROOT, "private"))


class PrivateS3Storage(NoPublicUrlMixin, S3Storage):
    """Files in a private bucket of S3-compatible object storage, shared by
    every host the portal runs on; no signed links are handed out."""

    default_acl = "private"
    querystring_auth = False
    file_overwrite = False


class _PrivateFiles(LazyObject):
    """The storage configured as ``STORAGES["private"]``, looked up when
    first used (and again when a test changes STORAGES)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateFiles()


def get_private_storage():
    """The storage of uploaded documents; a callable, so that migrations
    name the setting rather than one backend."""
    return private_storage


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def validate_document(file):
    if file.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s MB; at most 20 MB are allowed."),
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}".replace(".", ",")},
        )
    extension = os.path.splitext(file.name)[1].lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only PDF, Office (Word, Excel, PowerPoint, OpenDocument), PNG and JPEG files."),
            code="file_type",
        )
    if not _content_matches(file, extension):
        raise ValidationError(
            _("The file's content is not what its name says (.%(extension)s)."),
            code="file_content",
            params={"extension": extension},
        )


def _content_matches(file, extension):
    file.seek(0)
    head = file.read(8)
    try:
        if extension in SIGNATURES:
            return head.startswith(SIGNATURES[extension])
        if not head.startswith(ZIP):
            return False
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    name.startswith(OOXML_PARTS[extension]) for name in names
                )
            return (
                "mimetype" in names
                and archive.read("mimetype").decode("ascii", "replace").strip()
                == ODF_TYPES[extension]
            )
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)


FILE_TYPES = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odt": "OpenDocument",
    "ods": "OpenDocument",
    "odp": "OpenDocument",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
}


def file_type(name):
    """What kind of file ``name`` is, in a word people know ("PDF", "Word")."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    return FILE_TYPES.get(extension, extension.upper())


def human_size(size):
    """A size in bytes as people read it, in the active language's number
    format: "340 KB", "1,2 MB"."""
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": number_format(max(1, round(size / 1024)))}
    return _("%(size)s MB") % {"size": number_format(round(size / 1024 / 1024, 1), decimal_pos=1)}


def file_label(field_file, size=None):
    """Type and size of a stored file, e.g. "PDF, 1,2 MB"; the type alone
    when the size is unknown and the storage cannot tell."""
    if not field_file:
        return ""
    if size is None:
        try:
            size = field_file.size
        except OSError:
            return file_type(field_file.name)
    return f"{file_type(field_file.name)}, {human_size(size)}"
