"""The text of uploaded files, so that the search finds what they say.

``extract_text`` reads PDF, Word (.docx), PowerPoint (.pptx), Excel
(.xlsx) and OpenDocument files; for anything else (the old binary Office
formats, images), and for files it cannot read, it gives "" – an upload
never fails because its text could not be read.
"""

import html
import logging
import os
import re
import zipfile

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 200_000


def extract_text(file, name=None):
    """The text of ``file`` (an open binary file or a Django ``File``),
    at most ``MAX_TEXT_LENGTH`` characters; "" when there is none to read."""
    name = name or getattr(file, "name", "") or ""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    reader = READERS.get(extension)
    if reader is None:
        return ""
    try:
        file.seek(0)
        text = reader(file)
    except Exception:  # noqa: BLE001 - a broken file must not break the upload
        logger.info("Could not read the text of %s", name, exc_info=True)
        return ""
    finally:
        try:
            file.seek(0)
        except (OSError, ValueError):
            pass
    return _tidy(text)[:MAX_TEXT_LENGTH]


def _pdf_text(file):
    from pypdf import PdfReader

    parts = []
    length = 0
    for page in PdfReader(file).pages:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
        if length >= MAX_TEXT_LENGTH:
            break
    return "\n".join(parts)


def _docx_text(file):
    import docx

    document = docx.Document(file)
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


# The parts of zipped Office files that hold their text, and at most how
# much of each is read (a zip bomb stays a small read).
MAX_PART_BYTES = 5 * 1024 * 1024
_TAG = re.compile(r"<[^>]+>")
_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml$")


def _xml_text(xml):
    """The text between the tags of an XML part: no parser (and none of its
    risks with untrusted files) is needed to search it."""
    return html.unescape(_TAG.sub(" ", xml))


def _zipped_text(file, wanted):
    """The text of the zip members ``wanted(names)`` picks, in that order."""
    with zipfile.ZipFile(file) as archive:
        parts = []
        for name in wanted(archive.namelist()):
            with archive.open(name) as part:
                parts.append(_xml_text(part.read(MAX_PART_BYTES).decode("utf-8", "replace")))
        return "\n".join(parts)


def _slides(names):
    numbered = [(int(match[1]), name) for name in names if (match := _SLIDE.match(name))]
    return [name for _number, name in sorted(numbered)]


def _pptx_text(file):
    return _zipped_text(file, _slides)


def _xlsx_text(file):
    return _zipped_text(file, lambda names: [n for n in names if n == "xl/sharedStrings.xml"])


def _opendocument_text(file):
    return _zipped_text(file, lambda names: [n for n in names if n == "content.xml"])


READERS = {
    "pdf": _pdf_text,
    "docx": _docx_text,
    "pptx": _pptx_text,
    "xlsx": _xlsx_text,
    "odt": _opendocument_text,
    "ods": _opendocument_text,
    "odp": _opendocument_text,
}


def _tidy(text):
    """Without NUL characters (PostgreSQL refuses them), runs of spaces and
    empty lines."""
    lines = (" ".join(line.split()) for line in text.replace("\x00", "").splitlines())
    return "\n".join(line for line in lines if line)


def read_new_file(instance, field_name="file"):
    """Before ``instance`` is saved: when its file is a new upload, keep the
    file's text (``extracted_text``) and size (``file_size``) with it, read
    once now rather than on every search or list. Returns whether it read."""
    field_file = getattr(instance, field_name)
    if not field_file:
        instance.extracted_text = ""
        instance.file_size = None
        return False
    if field_file._committed:
        return False
    instance.extracted_text = extract_text(field_file.file, field_file.name)
    instance.file_size = field_file.size
    return True
