"""Scanned PDF pages read with Tesseract, when it is installed (``--ocr``).

Tesseract is a program, not a Python package: Debian's ``tesseract-ocr`` with the
``tesseract-ocr-fra`` and ``tesseract-ocr-eng`` language data. It is run as a
subprocess on an image of the page rendered by PDFium (300 dpi, greyscale PNG), in
French and English at once. When it is missing, a scanned PDF is rejected with a reason
that says so, and the CLI warns once (:func:`ocr_status`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from aidecl_data.parse.formats.prepared import UnreadableFile

DPI = 300
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng"


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def languages() -> list[str]:
    """The OCR languages of ``fra`` and ``eng`` that Tesseract has data for."""
    exe = tesseract_path()
    if exe is None:
        return []
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False)
    have = set(out.stdout.split())
    return [lang for lang in ("fra", "eng") if lang in have]


def ocr_status() -> str:
    """One line for the user: can ``--ocr`` read scanned pages here?"""
    if tesseract_path() is None:
        return f"--ocr: Tesseract is not installed ({INSTALL_HINT}); scanned pages stay unread"
    langs = languages()
    if not langs:
        return f"--ocr: Tesseract has neither French nor English data ({INSTALL_HINT})"
    return f"--ocr: Tesseract reads scanned pages ({'+'.join(langs)})"


def ocr_page(doc, index: int) -> str:
    """The text of page ``index`` (0-based) of a PDFium document, read by Tesseract."""
    exe = tesseract_path()
    if exe is None:
        raise UnreadableFile(f"no text layer, and Tesseract is not installed ({INSTALL_HINT})")
    langs = "+".join(languages()) or "eng"
    page = doc[index]
    try:
        image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()
    with tempfile.TemporaryDirectory(prefix="aidecl-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        out = subprocess.run(
            [exe, str(png), "stdout", "-l", langs, "--psm", "3"],
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0:
        raise UnreadableFile(f"OCR failed on page {index + 1}: {out.stderr.strip()[:200]}")
    return out.stdout.replace("\f", "\n")
