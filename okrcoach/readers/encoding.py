"""Decode text files as they come from the wild: UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030 (Chinese Excel).

Detect, don't ask: BOMs first, then strict UTF-8, then GB18030 (a superset of GBK/GB2312).
Binary files renamed to ``.csv`` (an ``.xlsx``, a PDF, an image) are refused with a message
that says what the file really is.
"""
from __future__ import annotations

import codecs

from ..core.errors import OKRInputError

_SIGNATURES = {
    b"PK\x03\x04": "a zip archive (an .xlsx or .docx file renamed?)",
    b"\xd0\xcf\x11\xe0": "an old Office file (.xls/.doc) or an encrypted .xlsx",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


def decode_bytes(data: bytes, path: str = "") -> tuple[str, str]:
    """Return ``(text, encoding)``.

    >>> decode_bytes("目标,关键结果".encode("gbk"))[1]
    'gb18030'
    """
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise OKRInputError(f"starts with a {enc} byte-order mark but is not valid {enc} (byte {exc.start})",
                                    path=path) from None
    for sig, what in _SIGNATURES.items():
        if data.startswith(sig):
            raise OKRInputError(f"is {what}, not a text table; save it as CSV or .xlsx and try again", path=path)
    # UTF-16 without BOM: every other byte is NUL in ASCII-heavy text
    if len(data) >= 4 and data[1:200:2].count(0) > 0.4 * len(data[1:200:2]) and data[0:200:2].count(0) == 0:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    if head.count(0) > max(2, len(head) // 100):
        raise OKRInputError("looks like a binary file (it contains many NUL bytes), not a text table", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise OKRInputError(f"is neither UTF-8 nor GBK/GB18030 text (undecodable byte at line {line}); "
                            "re-save it as UTF-8", path=path) from None
