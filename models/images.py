"""Files under DATA_DIR/statics, served at /statics/...: QR codes and saved images.

Every function that touches the disk or Pillow runs in the default executor, off the IOLoop.
"""

import asyncio
import io
import time
from pathlib import Path

import qrcode
from PIL import Image, UnidentifiedImageError
from qrcode.constants import ERROR_CORRECT_M

from models.errors import invalid

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # the decompression-bomb guard: larger images are refused, not decoded
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def image_extension(data: bytes) -> str:
    """The extension for bytes that really are an image of an accepted format; 301 otherwise."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.verify()
            kind = image.format
    except Image.DecompressionBombError:
        raise invalid("img_data", "图片尺寸过大") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise invalid("img_data", "不是有效的图片") from None
    if kind not in FORMATS:
        raise invalid("img_data", f"不支持的图片格式 {kind}")
    return FORMATS[kind]


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


def _remove(target: Path) -> None:
    target.unlink(missing_ok=True)


async def remove(cfg, relative: str) -> None:
    """Delete a file we wrote; anything that is not ours under statics/ is left alone."""
    target = statics_path(cfg, relative).resolve()
    if relative.startswith("statics/") and target.is_relative_to(Path(cfg.statics_dir).resolve()):
        await run(_remove, target)


async def save_image(cfg, stem: str, data: bytes) -> str:
    """Write image bytes (checked with Pillow) at stem + the extension of their real format."""
    extension = await run(image_extension, data)
    return await save_bytes(cfg, f"{stem}.{extension}", data)
