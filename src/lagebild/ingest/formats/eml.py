"""E-mail (.eml): the message body is one document, each attachment lagebild can
read is another (id `<message>-<attachment>`); other attachments are reported as
skipped. The subject gives the title, the Date header the publication date and the
sender's name (or domain) the outlet, for the body and its attachments alike."""
from __future__ import annotations

import email
import email.policy
import email.utils
from email.message import EmailMessage
from pathlib import PurePath

from lagebild.errors import InputError
from lagebild.ingest.formats import Read, bytes_reader
from lagebild.ingest.html import registrable_domain
from lagebild.ingest.outcome import Skipped
from lagebild.ingest.readers import finish, html_to_document
from lagebild.model import Document


def _published(message: EmailMessage) -> str | None:
    try:
        when = email.utils.parsedate_to_datetime(str(message["date"] or ""))
    except (TypeError, ValueError):
        return None
    return when.date().isoformat()


def _sender(message: EmailMessage) -> str | None:
    name, address = email.utils.parseaddr(str(message["from"] or ""))
    return name.strip() or registrable_domain(address.rpartition("@")[2]) or None


def _body(message: EmailMessage, doc_id: str, source: str) -> Document | InputError:
    part = message.get_body(preferencelist=("plain", "html"))
    content = part.get_content() if part is not None else ""
    if not isinstance(content, str) or not content.strip():
        return InputError(source, "this e-mail has no text body")
    if part is not None and part.get_content_subtype() == "html":
        return html_to_document(content, doc_id, source)
    text = content.replace("\r\n", "\n").strip()
    return finish(Document(id=doc_id, source=source, raw=text, raw_format="eml", raw_text=text))


def _attachments(message: EmailMessage, doc_id: str, source: str) -> Read:
    for n, part in enumerate(message.iter_attachments(), start=1):
        name = part.get_filename() or f"attachment-{n}"
        where = f"{source}#{name}"
        reader = bytes_reader(PurePath(name).suffix)
        data = part.get_payload(decode=True)
        if reader is None or not isinstance(data, bytes):
            yield Skipped(where, f"attachment of type {part.get_content_type()} is not a format lagebild reads")
            continue
        yield from reader(data, f"{doc_id}-{PurePath(name).stem}", where)


def from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message["from"] or message["subject"] or message["date"]):
        yield InputError(source, "is not an e-mail message (no From, Subject or Date header)")
        return
    shared = {"title": str(message["subject"] or "").strip() or None, "published": _published(message),
              "outlet": _sender(message)}
    for item in (_body(message, doc_id, source), *_attachments(message, doc_id, source)):
        if isinstance(item, Document):
            item.title = item.title or shared["title"]
            item.published = item.published or shared["published"]
            item.outlet = item.outlet or shared["outlet"]
            item.meta["email"] = {"from": str(message["from"] or ""), "subject": shared["title"],
                                  "date": str(message["date"] or "")}
        yield item
