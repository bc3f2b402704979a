"""Bytes to text: pick the encoding, or say in one line why the bytes are not text.

Decoding only: line ends, NFD and form feeds are left as they are, because the dataset's
spans are offsets in the decoded source (``text.normalize_source`` cleans them later).

The rules, in the order they are applied (each one simple enough to predict by hand):

1. Known binary formats are recognised by their magic number (PDF, ZIP and the Office or
   OpenDocument files built on it, PNG, JPEG, GIF, ...): "binary file (PDF)".
2. A byte-order mark decides the encoding: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE (UTF-32 is
   tested first because its LE mark starts with the UTF-16 LE one). The mark is not part
   of the text. Bytes that are invalid after a mark make the file "not decodable".
3. Without a mark, NUL bytes mean binary, with one exception: UTF-16 without a mark. Text
   in a Latin script stored as UTF-16 has a NUL in every other byte, so when at least
   half of the bytes at odd positions are NUL and under a tenth at even positions, the
   data is read as UTF-16-LE (mirror rule for BE). It must then decode strictly and pass
   rule 5; otherwise it is binary. Any other NUL byte: "binary file (contains NUL bytes)".
4. Valid UTF-8 is UTF-8. Otherwise the file is a legacy 8-bit text, read as cp1252 (the
   Windows superset of Latin-1): in Latin-1 the bytes 0x80-0x9F are C1 control codes,
   which real text never uses, while cp1252 puts the curly quotes, dashes, "€" and "œ"
   there, which French text uses all the time. The five bytes cp1252 leaves undefined
   (0x81, 0x8D, 0x8F, 0x90, 0x9D) fall back to Latin-1. A file that is *mostly* valid
   UTF-8 with a few stray bytes (a cp1252 line pasted into a UTF-8 file) would turn into
   mojibake if read whole as cp1252, so the majority decides: when the file holds at
   least as many valid multi-byte UTF-8 sequences as invalid bytes, it is read as UTF-8
   and only the invalid bytes are read as cp1252 ("utf-8+cp1252"). (In real cp1252 text
   a valid UTF-8 sequence is an accident, such as "É" followed by a no-break space.)
5. A text where more than 5 % of the characters, and more than 2, are control characters
   (other than tab, line feed, vertical tab, form feed and carriage return) is binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Magic numbers of binary formats someone may drop into a documents folder by mistake.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"PK\x07\x08", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x1f\x8b", "GZIP"),
    *((b"BZh" + bytes([c]) + b"1AY&SY", "BZIP2") for c in b"123456789"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2, e.g. a .doc or .xls"),
    (b"{\\rtf", "RTF"),
    (b"\x7fELF", "ELF"),
    (b"SQLite format 3\x00", "SQLite"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

MAX_CONTROL_SHARE = 0.05
MAX_CONTROL_COUNT = 2  # a few stray controls (a DOS end-of-file mark) are not binary
# Control characters other than the white-space ones (tab, LF, VT, FF, CR: 0x09-0x0D).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# Characters that print nothing: a file made only of these and white space is blank.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

# cp1252, with Latin-1 for the five bytes cp1252 leaves undefined; indexed by byte value.
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def _one_byte_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the one offending byte as cp1252 (or Latin-1) and go on.

    Stateless, so registering it once for the process is safe. (``str.translate`` would do
    the same but is ten times slower on a 5 MB file.)
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _CP1252[exc.object[exc.start]], exc.start + 1


_BYTE_FALLBACK = "aidecl-cp1252-byte"
codecs.register_error(_BYTE_FALLBACK, _one_byte_cp1252)


class NotText(ValueError):
    """The bytes are not a document's text; ``reason`` is one line naming the problem."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16-le, ..., cp1252 or utf-8+cp1252


def binary_format(raw: bytes) -> str:
    """The name of the binary format ``raw`` starts with, or "" for none known."""
    for magic, name in MAGIC_NUMBERS:
        if raw.startswith(magic):
            return name
    return ""


def _bom_encoding(raw: bytes) -> tuple[str, int]:
    for bom, enc in BOMS:
        if raw.startswith(bom):
            return enc, len(bom)
    return "", 0


def _unmarked_utf16(raw: bytes) -> str:
    """ "utf-16-le"/"utf-16-be" when the NUL pattern of mark-less UTF-16 shows, else ""."""
    if len(raw) < 2 or len(raw) % 2:
        return ""
    half = len(raw) // 2
    even_nul = raw[0::2].count(0) / half
    odd_nul = raw[1::2].count(0) / half
    if odd_nul >= 0.5 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul >= 0.5 and odd_nul < 0.1:
        return "utf-16-be"
    return ""


def _strict(raw: bytes, start: int, encoding: str, why: str) -> str:
    try:
        return raw[start:].decode(encoding.removesuffix("-sig"))
    except UnicodeDecodeError as exc:
        raise NotText(
            f"not decodable as {encoding.upper()} ({why}): {exc.reason} at byte {start + exc.start}"
        ) from None


def _legacy_or_utf8(raw: bytes) -> DecodedText:
    """Rule 4: UTF-8 if valid; else the majority picks UTF-8+cp1252 or cp1252."""
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = raw.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    multibyte = len(_NON_ASCII.findall(escaped)) - invalid
    if multibyte >= invalid:
        return DecodedText(raw.decode("utf-8", errors=_BYTE_FALLBACK), "utf-8+cp1252")
    return DecodedText(raw.decode("cp1252", errors=_BYTE_FALLBACK), "cp1252")


def count_controls(text: str) -> int:
    """Control characters other than the white-space ones (tab, line ends, FF)."""
    return len(_CONTROL.findall(text))


# The same control characters in UTF-8: C0 and DEL are their own bytes (never part of a
# multi-byte sequence), C1 (U+0080-U+009F) is 0xC2 then 0x80-0x9F (0xC2 is only ever a
# lead byte).
_C0_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def count_controls_utf8(raw: bytes) -> int:
    """``count_controls(raw.decode("utf-8"))`` for valid UTF-8, read on the bytes:
    ``bytes.translate`` deletes the C0 bytes in one C loop and the C1 pairs are searched
    from their literal lead byte, where the character-class search of the text tests
    every character in turn."""
    return len(raw) - len(raw.translate(None, _C0_BYTES)) + len(_C1_UTF8.findall(raw))


def looks_binary(text: str, controls: int | None = None) -> bool:
    """Rule 5: more than 5 % of the characters, and more than 2, are control characters
    (``controls``: their count when already known)."""
    n = count_controls(text) if controls is None else controls
    return n > MAX_CONTROL_COUNT and n > MAX_CONTROL_SHARE * len(text)


def decode_text(raw: bytes) -> DecodedText:
    """Decode ``raw`` by the rules of the module docstring, or raise ``NotText``."""
    fmt = binary_format(raw)
    if fmt:
        raise NotText(f"binary file ({fmt})")
    encoding, skip = _bom_encoding(raw)
    if encoding:
        decoded = DecodedText(_strict(raw, skip, encoding, "byte-order mark present"), encoding)
    elif 0 in raw:
        encoding = _unmarked_utf16(raw)
        if not encoding:
            raise NotText("binary file (contains NUL bytes)")
        try:
            decoded = DecodedText(raw.decode(encoding), encoding)
        except UnicodeDecodeError:
            raise NotText("binary file (contains NUL bytes)") from None
        if "\x00" in decoded.text or looks_binary(decoded.text):
            raise NotText("binary file (contains NUL bytes)")
    else:
        decoded = _legacy_or_utf8(raw)
    # the text of valid UTF-8 is counted on its bytes (the same count, faster)
    n = count_controls_utf8(raw) if decoded.encoding == "utf-8" else count_controls(decoded.text)
    if looks_binary(decoded.text, n):
        raise NotText(f"binary file ({n} control characters in {len(decoded.text)})")
    return decoded


_VISIBLE = re.compile(r"[^\s" + INVISIBLE + r"]")


def is_blank(text: str) -> bool:
    """True when ``text`` prints nothing: only white space and zero-width characters.

    A search that stops at the first visible character: a real document answers after a
    few characters, where translating the whole text read all of it.
    """
    return _VISIBLE.search(text) is None


def describe_blank(raw: bytes, text: str) -> str:
    """The rejection reason for a blank file, saying whether it held any bytes at all."""
    if not raw:
        return "empty file (0 bytes)"
    if not text:
        return "empty file (only a byte-order mark)"
    return "blank file (only white space)"
