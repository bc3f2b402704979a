"""Decoding rules of ``aidecl_data.parse.encodings``: one case per rule, then the corpus.

The key promise: the same text in any common encoding or line-end style gives the same
clauses through ``parse_document``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.encodings import NotText, decode_text, is_blank
from aidecl_data.parse.sources import RejectedDocument, decode_bytes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "documents").glob("*.txt"))
EXTRA = ROOT / "tests" / "fixtures" / "paris_call_en_pdf.txt"

FR = "Déclaration « commune » – l’œuvre coûte 5 €\n"

DECODES = [
    # (id, bytes, expected text, expected encoding)
    ("utf8", FR.encode("utf-8"), FR, "utf-8"),
    ("utf8-bom", b"\xef\xbb\xbf" + FR.encode("utf-8"), FR, "utf-8-sig"),
    ("utf16le-bom", b"\xff\xfe" + FR.encode("utf-16-le"), FR, "utf-16-le"),
    ("utf16be-bom", b"\xfe\xff" + FR.encode("utf-16-be"), FR, "utf-16-be"),
    ("utf32le-bom", b"\xff\xfe\x00\x00" + FR.encode("utf-32-le"), FR, "utf-32-le"),
    ("utf32be-bom", b"\x00\x00\xfe\xff" + FR.encode("utf-32-be"), FR, "utf-32-be"),
    # cp1252: 0x92 is the curly apostrophe, 0x80 the euro sign, 0x9c "œ" (C1 in Latin-1).
    ("cp1252", FR.encode("cp1252"), FR, "cp1252"),
    ("cp1252-quotes", b"\x93oui\x94 \x96 non", "\u201coui\u201d \u2013 non", "cp1252"),
    # Bytes cp1252 leaves undefined fall back to Latin-1 (a C1 control, kept as is).
    ("cp1252-undefined", b"caf\xe9 \x81 ok", "café \x81 ok", "cp1252"),
    ("latin1-only", "Évry, août".encode("latin-1"), "Évry, août", "cp1252"),
    # Mostly UTF-8 with one stray cp1252 byte: UTF-8 wins, the stray byte is read as cp1252.
    (
        "utf8-stray-cp1252",
        "Été à Genève, ".encode() + b"l\x92accord",
        "Été à Genève, l’accord",
        "utf-8+cp1252",
    ),
    # Mostly cp1252 with one accidental valid UTF-8 pair ("É" + no-break space): cp1252.
    (
        "cp1252-accidental-pair",
        b"ARR\xca\xc9\xa0: \xe9t\xe9 \xe0 l\xe0",
        "ARRÊÉ\xa0: été à là",
        "cp1252",
    ),
    # UTF-16 without a byte-order mark is recognised by its NUL pattern.
    ("utf16le-nobom", "Hello, l'été".encode("utf-16-le"), "Hello, l'été", "utf-16-le"),
    ("utf16be-nobom", "Hello, l'été".encode("utf-16-be"), "Hello, l'été", "utf-16-be"),
    # Decoding does not normalize: line ends, NFD and form feeds stay for normalize_source.
    ("crlf-kept", b"a\r\nb\rc\fd", "a\r\nb\rc\fd", "utf-8"),
    ("nfd-kept", unicodedata.normalize("NFD", "é").encode(), "e\u0301", "utf-8"),
    ("few-controls-ok", b"texte\x1a", "texte\x1a", "utf-8"),
]


@pytest.mark.parametrize(
    ("raw", "text", "encoding"), [c[1:] for c in DECODES], ids=[c[0] for c in DECODES]
)
def test_decode(raw: bytes, text: str, encoding: str) -> None:
    got = decode_text(raw)
    assert (got.text, got.encoding) == (text, encoding)


NOT_TEXT = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)"),
    ("docx-zip", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "binary file (ZIP)"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG)"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG)"),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary file (GZIP)"),
    ("doc-ole2", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "binary file (OLE2"),
    ("rtf", b"{\\rtf1\\ansi Bonjour}", "binary file (RTF)"),
    ("nul-bytes", b"texte\x00avec\x00des\x00nuls et du texte ici", "binary file (contains NUL"),
    ("controls", bytes(range(1, 9)) * 10 + b"abc", "binary file (80 control characters in 83)"),
    # Odd length: cannot be UTF-16, so the NULs mean binary.
    ("utf16-odd-length", "abc".encode("utf-16-le") + b"x", "binary file (contains NUL"),
    # A BOM promises an encoding; data that breaks it is not text.
    ("utf8-bom-invalid", b"\xef\xbb\xbfabc\xff", "not decodable as UTF-8-SIG"),
    ("utf16-bom-lone-surrogate", b"\xff\xfe" + b"a\x00\x00\xd8b\x00", "not decodable as UTF-16-LE"),
    ("utf16-bom-odd-length", b"\xff\xfea\x00b", "not decodable as UTF-16-LE"),
]


@pytest.mark.parametrize(("raw", "reason"), [c[1:] for c in NOT_TEXT], ids=[c[0] for c in NOT_TEXT])
def test_not_text(raw: bytes, reason: str) -> None:
    with pytest.raises(NotText) as err:
        decode_text(raw)
    assert err.value.reason.startswith(reason)
    assert "\n" not in err.value.reason


BLANKS = [
    ("empty", b"", "empty file (0 bytes)"),
    ("utf8-bom-only", b"\xef\xbb\xbf", "empty file (only a byte-order mark)"),
    ("utf16-bom-only", b"\xff\xfe", "empty file (only a byte-order mark)"),
    ("spaces", b"  \n\t \r\n", "blank file (only white space)"),
    ("form-feeds", b"\f\f\n\f", "blank file (only white space)"),
    ("nbsp-zwsp", "\u00a0\u200b \u3000\ufeff".encode(), "blank file (only white space)"),
    ("utf16-spaces", b"\xff\xfe" + " \n ".encode("utf-16-le"), "blank file (only white space)"),
]


@pytest.mark.parametrize(("raw", "reason"), [c[1:] for c in BLANKS], ids=[c[0] for c in BLANKS])
def test_blank_rejected_by_decode_bytes(raw: bytes, reason: str) -> None:
    with pytest.raises(RejectedDocument) as err:
        decode_bytes(raw, "x.txt")
    assert err.value.reason == reason
    assert err.value.path == "x.txt"


def test_is_blank_sees_text_between_invisibles() -> None:
    assert is_blank(" \u200b \u200b \u200b ")
    assert not is_blank(" \u200b x \u200b ")


def test_parse_document_rejects_instead_of_crashing() -> None:
    with pytest.raises(RejectedDocument, match="binary file"):
        parse_document(b"%PDF-1.4\n...", "x", "x.txt")


# -- the same text in every encoding gives the same clauses ------------------------------


def _variants(text: str) -> dict[str, bytes]:
    crlf = text.replace("\n", "\r\n")
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16-le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-32-bom": text.encode("utf-32"),
        "cp1252": text.encode("cp1252"),
        "crlf": crlf.encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "nfd": unicodedata.normalize("NFD", text).encode("utf-8"),
        "cp1252-crlf-nfc": crlf.encode("cp1252"),
        "utf-16-le-bom-crlf-nfd": b"\xff\xfe"
        + unicodedata.normalize("NFD", crlf).encode("utf-16-le"),
    }


def _texts(raw: bytes) -> tuple[list[str], list[str], list[str], str]:
    d = parse_document(raw, "doc", "doc.txt")
    source = decode_bytes(raw)
    for row in [*d.clauses, *d.sections, *d.notes]:
        assert 0 <= row.char_start <= row.char_end <= len(source)
    return (
        [c.text for c in d.clauses],
        [s.heading for s in d.sections],
        [n.text for n in d.notes],
        d.document.title,
    )


INLINE = (
    "Déclaration conjointe sur l’intelligence artificielle\n\n"
    "Les parties, réunies à Paris le 10 février 2025 :\n\n"
    "- réaffirment leur « engagement » commun ;\n"
    "- décident de créer un groupe de travail.\n\n"
    "Elles se réuniront de nouveau en 2026, à Genève.\n"
)


@pytest.mark.parametrize(
    "path", [None, *CORPUS, EXTRA], ids=["inline", *(p.name[:3] for p in CORPUS), "extra"]
)
def test_same_text_in_every_encoding_gives_same_clauses(path: Path | None) -> None:
    text = INLINE if path is None else path.read_text(encoding="utf-8")
    variants = _variants(text)
    expected = _texts(variants.pop("utf-8"))
    assert expected[0], "the reference parse has no clauses: the test would prove nothing"
    for name, raw in variants.items():
        assert _texts(raw) == expected, name


def test_controls_counted_on_utf8_bytes_as_on_the_text() -> None:
    """``count_controls_utf8`` (on the bytes of a UTF-8 file) counts what
    ``count_controls`` counts on its text: C0, DEL and C1 controls among tabs, line
    ends, no-break spaces (0xC2 0xA0, the lead byte of C1 too) and other characters."""
    import random

    from aidecl_data.parse.encodings import count_controls, count_controls_utf8

    rng = random.Random(4)
    pool = [*range(0x00, 0x21), *range(0x7E, 0xC0), 0x2019, 0x1F600, 0xE9]
    for _ in range(2000):
        text = "".join(chr(rng.choice(pool)) for _ in range(rng.randint(0, 40)))
        assert count_controls_utf8(text.encode("utf-8")) == count_controls(text), text
    assert count_controls_utf8("a\x00b\x85c\u00a0\t\n".encode()) == 2
