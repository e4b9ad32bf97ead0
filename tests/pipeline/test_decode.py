"""Bytes → text checks: what is read, and what is refused with a named reason."""

from __future__ import annotations

import codecs

import pytest

from pipeline.decode import check_text, decode_page
from pipeline.errors import DecodeError


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \n\n", "only whitespace", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary"),
        pytest.param("Заголовок".encode("cp1251"), "not valid UTF-8", id="cp1251"),
        pytest.param(b"Title\n\nBody \x07 text.", "control character", id="control"),
    ],
)
def test_decode_page_refuses_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_page(data)


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_decode_page_reads_utf8_with_or_without_bom(bom: bytes) -> None:
    assert decode_page(bom + "Title\r\n\r\nBody – text.".encode()) == "Title\n\nBody – text."


def test_check_text_refuses_lone_surrogate() -> None:
    with pytest.raises(DecodeError, match="surrogate"):
        check_text("Title\n\nBody \ud800 text.")
