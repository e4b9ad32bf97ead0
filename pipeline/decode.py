"""Bytes → text for scraped pages, with the checks that keep junk out of the database."""

from __future__ import annotations

import codecs

from pipeline.errors import DecodeError

# C0 controls other than tab, LF, CR (and form feed, which some scrapers keep) mean binary content
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode_page(data: bytes) -> str:
    """Decodes a page saved as UTF-8 (with or without BOM); anything else is a DecodeError."""
    if not data.strip():
        raise DecodeError("empty file" if not data else "file holds only whitespace")
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes); expected a UTF-8 text page")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the page as UTF-8"
        ) from None
    return check_text(text)


def check_text(text: str) -> str:
    """Checks text that is already decoded (a posted page) the same way as a file's."""
    if not text.strip():
        raise DecodeError("empty page")
    bad = next((ch for ch in text if ch in _CONTROL), None)
    if bad is not None:
        raise DecodeError(f"binary content (control character U+{ord(bad):04X}); expected a text page")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise DecodeError("invalid Unicode (lone surrogate)")
    # scrapers on Windows leave CRLF; offsets are taken after this so spans match what is stored
    return text.replace("\r\n", "\n").replace("\r", "\n")
