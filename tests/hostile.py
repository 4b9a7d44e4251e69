"""Generated articles and hostile inputs for the boundary tests and scripts/fuzz.py.

Every article is made here from templates on varied topics (no text of a real article);
every hostile input is one kind of trouble a real corpus brings: encodings, byte-order
marks, NULs, long runs, deep JSON, wrong field types, huge records.
"""
from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable
from pathlib import Path

_SENTENCES = (
    "Nach Angaben der Wahlleitung gaben am Sonntag rund {n}.000 Menschen ihre Stimme ab.",
    "Die Feuerwehr meldete am Dienstag {n} Verletzte nach dem Sturm an der Küste.",
    "Der Verein gewann das Heimspiel vor {n}.500 Zuschauern mit zwei Toren Vorsprung.",
    "Laut Statistikamt stiegen die Preise im Mai um {n} Prozent gegenüber dem Vorjahr.",
    "Die Polizei schätzte die Zahl der Demonstranten in der Innenstadt auf {n}.000.",
    "Officials said on Monday that {n} families had been moved to shelters after the flood.",
    "The league confirmed that {n} matches would be played behind closed doors this season.",
    "According to the central bank, exports fell by {n} percent in the first quarter.",
)
_TITLES = ("Wahl in der Region", "Sturm an der Küste", "Heimsieg im Derby", "Preise steigen weiter",
           "Protest in der Innenstadt", "Flood shelters fill up", "Matches without fans", "Exports fall")


def article(i: int, extra: str = "") -> str:
    """A short generated article (title line, two paragraphs) numbered `i`."""
    rnd = random.Random(i)
    title = _TITLES[i % len(_TITLES)]
    body = " ".join(rnd.choice(_SENTENCES).format(n=rnd.randint(2, 90)) for _ in range(3))
    more = " ".join(rnd.choice(_SENTENCES).format(n=rnd.randint(2, 90)) for _ in range(2))
    return f"{title}\n\n{body}\n\n{extra}{more}\n"


def write_good(folder: Path, n: int = 3, prefix: str = "good") -> list[str]:
    """`n` ordinary articles as .txt files; their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"{prefix}{i}" for i in range(n)]
    for i, doc_id in enumerate(ids):
        (folder / f"{doc_id}.txt").write_text(article(i), encoding="utf-8")
    return ids


def record(i: int, **fields: object) -> str:
    """One JSONL line: a generated article with `fields` added or replaced."""
    base: dict[str, object] = {"id": f"rec{i}", "title": _TITLES[i % len(_TITLES)], "text": article(i),
                               "published": "2024-05-0" + str(1 + i % 9)}
    base.update(fields)
    return json.dumps(base, ensure_ascii=True)


def html_page(body: str, charset: str | None = "utf-8", title: str = "Meldung") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<html><head>{meta}<title>{title}</title></head><body><nav><a href='/'>Start</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Impressum</footer></body></html>")


# -- hostile inputs: name -> (file name, bytes) -------------------------------------------
def _deep(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


def _nested_record(depth: int) -> bytes:
    return b'{"id": "deep", "text": ' + _deep(depth) + b"}\n"


_RUSSIAN = ("Правительство сообщило о {n} пострадавших после бури. Спасатели работали всю ночь на побережье."
            "\n\nВласти обещали помощь семьям. ")
_GREEK = ("Η κυβέρνηση ανακοίνωσε {n} τραυματίες μετά την καταιγίδα. Οι διασώστες εργάστηκαν όλη τη νύχτα."
          "\n\nΟι αρχές υποσχέθηκαν βοήθεια. ")
_JAPANESE = "政府は嵐の後に{n}人が負傷したと発表した。救助隊は一晩中働いた。\n\n当局は家族への支援を約束した。"


def _foreign(name: str, text: str, charset: str, codec: str, r: random.Random) -> tuple[str, bytes]:
    """An HTML page in another script, encoded as its <meta charset> says."""
    return name, html_page(text.format(n=r.randint(2, 90)) * 3, charset).encode(codec)


HOSTILE: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "superscript_dateline": lambda r: ("grafik.txt", ("Grafik ²\n\n" + article(r.randint(0, 99))).encode()),
    "lone_surrogate": lambda r: ("surrogate.jsonl", (record(r.randint(0, 99), text="Text \ud800 " + article(1))
                                                     + "\n").encode()),
    "deep_json": lambda r: ("deep.jsonl", _nested_record(r.choice((1000, 100_000)))),
    "field_as_list": lambda r: ("fields.jsonl", (record(r.randint(0, 99), **{r.choice(
        ("title", "outlet", "url", "language", "published", "id")): r.choice(([1, 2], {"a": 1}, 3.5, True))})
        + "\n").encode()),
    "json_nul": lambda r: ("nul.jsonl", (record(r.randint(0, 99), text="Text\x00mit NUL. " + article(2))
                                         + "\n").encode()),
    "nul_after_8k": lambda r: ("late-nul.txt", (article(3) + "x " * 4500 + "\x00" + article(4)).encode()),
    "utf32_bom": lambda r: ("utf32.txt", article(r.randint(0, 99)).encode("utf-32")),
    "utf16_bom": lambda r: ("utf16.txt", article(r.randint(0, 99)).encode("utf-16")),
    "bom_only": lambda r: ("bom.txt", b"\xef\xbb\xbf"),
    "zero_width_only": lambda r: ("zw.txt", "\u200b\u200c\ufeff \n\u2060".encode()),
    "long_stem": lambda r: ("s" * 240 + ".txt", article(r.randint(0, 99)).encode()),
    "long_outlet": lambda r: ("outlet.jsonl", (record(r.randint(0, 99), outlet="o" * 280) + "\n").encode()),
    "dash_run": lambda r: ("dashes.txt", (article(5, "-" * r.choice((2000, 4000))) + "\n").encode()),
    "x_run": lambda r: ("xs.txt", (article(6, "x" * 2000 + " ")).encode()),
    "base64_blob": lambda r: ("blob.txt", (article(7, base64.b64encode(r.randbytes(20_000)).decode() + " "))
                              .encode()),
    "cp1251_html": lambda r: _foreign("ru.html", _RUSSIAN, "windows-1251", "cp1251", r),
    "greek_html": lambda r: _foreign("el.html", _GREEK, "iso-8859-7", "iso-8859-7", r),
    "shift_jis_html": lambda r: _foreign("ja.html", _JAPANESE, "shift_jis", "shift_jis", r),
    "binary": lambda r: ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + r.randbytes(2000)),
    "broken_json": lambda r: ("broken.jsonl", b'{"id": "b", "text": "unterminated\n'),
    "not_an_object": lambda r: ("list.jsonl", b"[1, 2, 3]\n"),
    "garbage_html": lambda r: ("garbage.html", r.randbytes(300).replace(b"\x00", b"<")),
    "formula_name": lambda r: ("=cmd.txt", article(r.randint(0, 99)).encode()),
    "formula_fields": lambda r: ("formula.jsonl", (record(r.randint(0, 99), id="+SUM(1)", outlet="@outlet")
                                                   + "\n").encode()),
    "bad_date": lambda r: ("date.jsonl", (record(r.randint(0, 99), published=r.choice(("9999-12-31", "gestern",
                                                                                       "2024-13-45"))) + "\n")
                           .encode()),
    "wrong_language": lambda r: ("lang.jsonl", (record(r.randint(0, 99), language=r.choice(("xx", "Deutsch")))
                                                + "\n").encode()),
    "cr_only": lambda r: ("mac.txt", article(r.randint(0, 99)).replace("\n", "\r").encode("cp1252")),
    "random_text": lambda r: ("random.txt", "".join(chr(r.choice((r.randint(32, 0x2FF), r.randint(0x370, 0x52F),
                                                                 10, 32, 46))) for _ in range(3000)).encode()),
}
