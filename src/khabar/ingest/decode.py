"""Bytes to text: binary detection and encoding handling for article files."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from khabar.errors import KhabarError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (a short reason), or None when it may be text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for b in head if b in _CONTROL)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def decode_text(data: bytes, source: str) -> str:
    """Decode article bytes: BOMs, then UTF-8, then a confident charset guess; else E023.

    Raises:
        KhabarError: E022 for binary data, E023 when no encoding fits.
    """
    reason = looks_binary(data)
    if reason:
        raise KhabarError("E022", source=source, detail=reason)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise KhabarError("E023", source=source, detail=str(exc)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = str(exc)
    try:
        # Most non-UTF-8 English news is Windows-1252 (a superset of Latin-1's printable range).
        text = data.decode("cp1252")
        if not any("\x80" <= ch <= "\x9f" for ch in text):
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise KhabarError("E023", source=source, detail=utf8_error)
    return str(best)
