"""Zip archives that are the same bytes for the same files: members sorted, one fixed date, plain permissions."""

from __future__ import annotations

import io
import zipfile

# Every member's date: a fixed one, so that two builds of the same records give the same archive.
MEMBER_DATE = (2020, 1, 1, 0, 0, 0)


def deterministic_zip(files: dict[str, str | bytes], folder: str = "", compresslevel: int | None = None) -> bytes:
    """The files as a deflated zip, each under folder (e.g. "name/"), in name order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(folder + name, date_time=MEMBER_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
    return buffer.getvalue()
