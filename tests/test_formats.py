"""Document formats beyond text and HTML, read from real files the tests write with
the same libraries (fpdf2 for PDF, python-docx, the standard library's email):
Markdown, PDF (text layer; none says so), DOCX, e-mail with attachments, JSON
records; the folder walk that says what it skipped; sidecar metadata."""
from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.formats import reflow
from lagebild.ingest.given import Given
from lagebild.ingest.outcome import Skipped
from lagebild.ingest.sources import IngestOptions, read_inputs
from lagebild.model import Document

QUAKE = ["A magnitude 6.1 earthquake struck the coastal province early on Monday, the geological survey said.",
         "Rescue teams reported 14 collapsed buildings in the port town and at least 40 people injured.",
         "The regional governor ordered schools to stay closed until the engineers have checked them."]
VOTE = ["Die Wahlbeteiligung lag nach Angaben der Wahlleiterin bei 61 Prozent und damit höher als vor vier Jahren.",
        "Die Partei des Bürgermeisters gewann 23 der 45 Sitze im Stadtrat.",
        "Am Abend feierten rund 500 Anhänger auf dem Marktplatz."]


def _docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _pdf(path: Path, paragraphs: list[str], title: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    for p in paragraphs:
        pdf.multi_cell(0, 8, p, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path


def _docx(path: Path, paragraphs: list[str], title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def test_formats_markdown_keeps_the_words_and_reads_front_matter(tmp_path: Path) -> None:
    md = tmp_path / "quake.md"
    md.write_text("---\ntitle: Quake on the coast\ndate: 2024-05-06\noutlet: Coast Herald\n---\n"
                  "# Quake on the coast\n\n" + QUAKE[0].replace("geological survey", "[geological survey](http://x)")
                  + "\n\n![a map](map.png)\n\n- " + QUAKE[1] + "\n- " + QUAKE[2] + "\n\n```\ncode()\n```\n",
                  encoding="utf-8")
    (doc,) = _docs(list(read_paths([md])))
    assert (doc.title, doc.published, doc.outlet, doc.raw_format) == ("Quake on the coast", "2024-05-06",
                                                                      "Coast Herald", "md")
    assert doc.raw_text.split("\n\n") == ["Quake on the coast", *QUAKE]
    assert doc.raw.startswith("---\ntitle")  # the raw input untouched


def test_formats_pdf_text_layer_in_paragraphs(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "report.pdf", QUAKE, title="Quake report")
    (doc,) = _docs(list(read_paths([path])))
    assert doc.raw_format == "pdf" and doc.title == "Quake report" and doc.meta["pages"] == 1
    lines = doc.raw_text.split("\n")
    assert all(any(sentence in line for line in lines) for sentence in QUAKE)  # no sentence broken at a line end
    assert doc.raw_bytes == path.read_bytes() and doc.language == "en"


def test_formats_pdf_without_text_says_so(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scanned page is only a picture
    pdf.output(str(tmp_path / "scan.pdf"))
    (err,) = list(read_paths([tmp_path / "scan.pdf"]))
    assert isinstance(err, InputError) and "no text layer" in err.message and "OCR" in err.message


@pytest.mark.parametrize("data, message", [(b"%PDF-1.4 broken", "not a readable PDF"),
                                           (b"PK\x03\x04 not really", "not a readable DOCX")])
def test_formats_broken_binary_files_are_input_errors(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / ("bad.pdf" if data.startswith(b"%PDF") else "bad.docx")
    path.write_bytes(data)
    (err,) = list(read_paths([path]))
    assert isinstance(err, InputError) and message in err.message


def test_formats_docx_paragraphs_and_title(tmp_path: Path) -> None:
    path = _docx(tmp_path / "wahl.docx", VOTE, title="Wahl im Stadtrat")
    (doc,) = _docs(list(read_paths([path])))
    assert (doc.title, doc.raw_format, doc.language) == ("Wahl im Stadtrat", "docx", "de")
    assert doc.raw_text.split("\n\n") == VOTE and doc.raw_bytes == path.read_bytes()


def test_formats_email_body_and_attachments(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Coast Herald Newsroom <desk@news.coastherald.co.uk>"
    message["Subject"] = "Quake update"
    message["Date"] = "Tue, 07 May 2024 09:30:00 +0000"
    message.set_content("\n\n".join(QUAKE))
    message.add_attachment(_pdf(tmp_path / "p.pdf", VOTE).read_bytes(), maintype="application", subtype="pdf",
                           filename="wahl.pdf")
    message.add_attachment(_docx(tmp_path / "d.docx", QUAKE[:2]).read_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="notes.docx")
    message.add_attachment(b"\x89PNG\r\n", maintype="image", subtype="png", filename="map.png")
    path = tmp_path / "update.eml"
    path.write_bytes(bytes(message))
    items = list(read_paths([path]))
    docs = _docs(items)
    assert [d.id for d in docs] == ["update", "update-wahl", "update-notes"]
    assert [d.source for d in docs] == [str(path), f"{path}#wahl.pdf", f"{path}#notes.docx"]
    assert all(d.title == "Quake update" and d.published == "2024-05-07" for d in docs)
    assert docs[0].outlet == "Coast Herald Newsroom" and docs[0].raw_text.split("\n\n") == QUAKE
    assert all(sentence in docs[1].raw_text for sentence in VOTE)
    (skipped,) = [i for i in items if isinstance(i, Skipped)]
    assert skipped.source == f"{path}#map.png" and "image/png" in skipped.reason


@pytest.mark.parametrize("record, outlet, published", [
    ({"maintext": "\n\n".join(QUAKE), "title": "Quake", "date_publish": "2024-05-06 08:00:00",
      "source_domain": "coastherald.co.uk", "url": "https://coastherald.co.uk/q"}, "coastherald.co.uk", "2024-05-06"),
    ({"text": "\n\n".join(QUAKE), "title": "Quake", "date": "2024-05-06", "sitename": "Coast Herald",
      "source": "https://coastherald.co.uk/q", "hostname": "coastherald.co.uk"}, "Coast Herald", "2024-05-06"),
])
def test_formats_news_please_and_trafilatura_json(tmp_path: Path, record: dict, outlet: str, published: str) -> None:
    path = tmp_path / "quake.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    (doc,) = _docs(list(read_paths([path])))
    assert (doc.id, doc.outlet, doc.published, doc.url) == ("quake", outlet, published, "https://coastherald.co.uk/q")


def test_formats_folder_walk_reports_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n\n".join(VOTE), encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "~$draft.docx").write_bytes(b"lock")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "README").write_text("notes")
    items = list(read_paths([tmp_path]))
    assert [d.id for d in _docs(items)] == ["a"]
    reasons = {Path(s.source).name: s.reason for s in items if isinstance(s, Skipped)}
    assert reasons.keys() == {"photo.jpg", "~$draft.docx", ".git", "README"}
    assert "type '.jpg' is not one lagebild reads" in reasons["photo.jpg"]
    assert "lock file" in reasons["~$draft.docx"] and reasons[".git"] == "hidden folder"


@pytest.mark.parametrize("sidecar", ["metadata.csv", "metadata.jsonl"])
def test_formats_sidecar_metadata_wins_over_what_the_file_says(tmp_path: Path, sidecar: str) -> None:
    (tmp_path / "wahl.txt").write_text("Wahl im Stadtrat\n3. März 2021\n\n" + "\n\n".join(VOTE), encoding="utf-8")
    (tmp_path / "quake.txt").write_text("\n\n".join(QUAKE), encoding="utf-8")
    rows = [{"file": "wahl.txt", "published": "2024-09-22", "outlet": "Stadtanzeiger"},
            {"file": "gone.txt", "published": "2024-01-01"}, {"file": "quake.txt", "published": "next week"}]
    if sidecar.endswith(".csv"):
        text = "file,published,outlet\n" + "".join(f"{r['file']},{r['published']},{r.get('outlet', '')}\n"
                                                   for r in rows)
    else:
        text = "".join(json.dumps(r) + "\n" for r in rows)
    (tmp_path / sidecar).write_text(text, encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    docs = {d.id: d for d in _docs(items)}
    assert (docs["wahl"].published, docs["wahl"].outlet) == ("2024-09-22", "Stadtanzeiger")  # not the dateline
    assert docs["quake"].published is None
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == (["3", "4"] if sidecar.endswith(".csv") else ["2", "3"])
    assert "not a file" in errors[0].message and "not a date" in errors[1].message
    assert not any(isinstance(i, Skipped) for i in items)  # the sidecar is no skipped file


def test_formats_given_metadata_wins_and_changes_the_content_hash(tmp_path: Path) -> None:
    (tmp_path / "wahl.txt").write_text("Wahl\n3. März 2021\n\n" + "\n\n".join(VOTE), encoding="utf-8")
    (plain,) = _docs(list(read_inputs([tmp_path])))
    given = Given(published="2024-09-22", title="Stadtratswahl", outlet="Stadtanzeiger", language="de")
    (doc,) = _docs(list(read_inputs([tmp_path], IngestOptions(given=given))))
    assert plain.published == "2021-03-03"  # the dateline is the fallback
    assert (doc.published, doc.title, doc.outlet) == ("2024-09-22", "Stadtratswahl", "Stadtanzeiger")
    assert doc.meta["content_hash"] != plain.meta["content_hash"]


@pytest.mark.parametrize("lines, expected", [
    (["The flood waters reached the old stone bridge", "at noon on Sunday.", "Rescue crews arrived by boat",
      "within the hour and took the", "families to the school."],
     "The flood waters reached the old stone bridge at noon on Sunday.\n\nRescue crews arrived by boat within the "
     "hour and took the families to the school."),
    (["A long line of text that fills the page to", "the margin and goes on with an inter-", "rupted word here too.",
      "", "Next paragraph."],
     "A long line of text that fills the page to the margin and goes on with an interrupted word here too.\n\n"
     "Next paragraph."),
])
def test_formats_reflow_joins_page_lines(lines: list[str], expected: str) -> None:
    assert reflow(lines) == expected
