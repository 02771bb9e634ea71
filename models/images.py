"""Files under DATA_DIR/statics, served at /statics/...: QR codes and saved images.

Every function that touches the disk or Pillow runs in the default executor, off the IOLoop.
"""

import asyncio
import io
import time
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def _write_qr(target: Path, text: str) -> None:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=3)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    _write(target, buffer.getvalue())


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)  # readers never see half a file


def _prune(folder: Path, older_than_s: float) -> None:
    if not folder.is_dir():
        return
    limit = time.time() - older_than_s
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def statics_path(cfg, relative: str) -> Path:
    """DATA_DIR/statics/... for a 'statics/...' path as the API returns it."""
    return Path(cfg.statics_dir) / relative.removeprefix("statics/")


async def run(function, *args):
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def save_qr(cfg, relative: str, text: str) -> str:
    """Write a PNG QR code of text at the 'statics/...' path relative; returns that path."""
    await run(_write_qr, statics_path(cfg, relative), text)
    return relative


async def save_bytes(cfg, relative: str, data: bytes) -> str:
    await run(_write, statics_path(cfg, relative), data)
    return relative


async def prune(cfg, relative_folder: str, older_than_s: float) -> None:
    await run(_prune, statics_path(cfg, relative_folder), older_than_s)
