import io
import zipfile

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from events import services
from events.extraction import MAX_TEXT_LENGTH, extract_text
from library.demo import pdf_bytes
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _pdf(*paragraphs):
    return io.BytesIO(pdf_bytes("Jugend am Bahnhof", list(paragraphs)))


def test_reads_the_text_of_a_generated_pdf():
    text = extract_text(_pdf("Streetwork am Bahnhofsvorplatz in Döbeln."), "leitfaden.pdf")
    assert "Jugend am Bahnhof" in text
    assert "Streetwork am Bahnhofsvorplatz in Döbeln." in text


def test_reads_the_text_of_a_word_file():
    document = docx.Document()
    document.add_paragraph("Häusliche Gewalt: Netzwerke vor Ort")
    buffer = io.BytesIO()
    document.save(buffer)
    assert "Häusliche Gewalt: Netzwerke vor Ort" in extract_text(buffer, "netzwerk.docx")


def _zipped(parts):
    """A zipped Office file with the given ``{member name: XML}``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    buffer.seek(0)
    return buffer


def test_reads_the_slides_of_a_presentation_in_their_order():
    slides = _zipped(
        {
            "ppt/slides/slide10.xml": "<p:sld><a:t>Zehn: Fazit</a:t></p:sld>",
            "ppt/slides/slide2.xml": "<p:sld><a:t>Zwei: Jugend &amp; Bahnhof</a:t></p:sld>",
        }
    )
    text = extract_text(slides, "fachimpuls.pptx")
    assert text.index("Zwei: Jugend & Bahnhof") < text.index("Zehn: Fazit")


def test_reads_a_spreadsheets_texts_and_an_opendocuments_content():
    sheet = _zipped({"xl/sharedStrings.xml": "<sst><si><t>Maßnahme Beleuchtung</t></si></sst>"})
    assert extract_text(sheet, "massnahmen.xlsx") == "Maßnahme Beleuchtung"
    minutes = _zipped({"content.xml": "<office:text><text:p>Präventionsrat</text:p></office:text>"})
    assert extract_text(minutes, "protokoll.odt") == "Präventionsrat"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.4 das ist kaputt", "kaputt.pdf"),
        (b"PK\x03\x04 kein echtes zip", "kaputt.pptx"),
        (b"PK\x03\x04 kein echtes zip", "kaputt.docx"),
        (b"\x89PNG\r\n\x1a\n", "bild.png"),
        (b"", "leer.pdf"),
    ],
)
def test_a_broken_or_unreadable_file_gives_no_text(content, name):
    assert extract_text(io.BytesIO(content), name) == ""


def test_text_is_capped(monkeypatch):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=8)
    pdf.multi_cell(0, 4, "Prävention " * 400)
    monkeypatch.setattr("events.extraction.MAX_TEXT_LENGTH", 100)
    assert len(extract_text(io.BytesIO(bytes(pdf.output())), "lang.pdf")) == 100
    assert MAX_TEXT_LENGTH == 200_000


def test_the_text_of_an_uploaded_document_is_kept_once_with_its_size():
    event = EventFactory()
    content = pdf_bytes("Protokoll", ["Beschluss: Sicherheitsrundgang im Herbst."])
    document = event.documents.model(event=event, title="Protokoll", kind="minutes")
    document.file = SimpleUploadedFile("protokoll.pdf", content)
    services.save_document(document=document)
    document.refresh_from_db()
    assert "Sicherheitsrundgang im Herbst" in document.extracted_text
    assert document.file_size == len(content)
    assert document.file.read() == content  # stored whole after reading

    # Saving again without a new file reads nothing again.
    document.extracted_text = "von Hand"
    services.save_document(document=document)
    document.refresh_from_db()
    assert document.extracted_text == "von Hand"


def test_a_broken_upload_is_saved_without_text():
    event = EventFactory()
    document = event.documents.model(event=event, title="Kaputt", kind="other")
    document.file = ContentFile(b"%PDF-1.4 kaputt", name="kaputt.pdf")
    services.save_document(document=document)
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert document.file_size == len(b"%PDF-1.4 kaputt")


def test_a_zip_without_word_parts_gives_no_text():
    # docx files are zip archives; a zip without Word parts is not a Word file.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "Hallo")
    assert extract_text(buffer, "hallo.docx") == ""
