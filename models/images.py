"""Files under DATA_DIR/statics, served at /statics/...: QR codes and saved images.

Nothing here runs on the IOLoop: Pillow, QR codes and other work on image bytes run in their own
pool of IMAGE_THREADS (a burst of uploads cannot take every core, nor the threads that password
checks and the disk use); plain disk work runs in the default executor.
"""

import asyncio
import io
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import qrcode
from PIL import Image, UnidentifiedImageError
from qrcode.constants import ERROR_CORRECT_M

from common.errors import invalid

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# The decompression-bomb guard: an image of more pixels is refused before it is decoded (a
# 4.9 KB PNG can claim 6300x6300). Below it, images wider or taller than MAX_SIDE are scaled down
# to MAX_SIDE: nobody looks at more on a card or a product page.
MAX_PIXELS = 25_000_000
MAX_SIDE = 2560
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# Pillow only warns between MAX_IMAGE_PIXELS and twice that; we refuse the whole range.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
IMAGE_THREADS = 2
_image_work = ThreadPoolExecutor(IMAGE_THREADS, thread_name_prefix="images")


def _inspect(data: bytes) -> tuple[str, int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.verify()
            return image.format, image.width, image.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise invalid("img_data", f"图片尺寸过大 (最多{MAX_PIXELS}像素)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise invalid("img_data", "不是有效的图片") from None


def _accepted(data: bytes) -> tuple[str, int, int]:
    kind, width, height = _inspect(data)
    if kind not in FORMATS:
        raise invalid("img_data", f"不支持的图片格式 {kind}")
    return kind, width, height


def image_extension(data: bytes) -> str:
    """The extension for bytes that really are an image of an accepted format; 301 otherwise."""
    return FORMATS[_accepted(data)[0]]


def displayable(data: bytes) -> tuple[bytes, str]:
    """(bytes, extension) of an accepted image, scaled down to MAX_SIDE when larger."""
    kind, width, height = _accepted(data)
    extension = FORMATS[kind]
    if max(width, height) <= MAX_SIDE:
        return data, extension
    if kind == "GIF":  # an animation would lose its frames
        raise invalid("img_data", f"GIF图片的宽和高不能超过{MAX_SIDE}像素")
    with Image.open(io.BytesIO(data)) as image:
        image.draft(image.mode, (MAX_SIDE, MAX_SIDE))  # JPEG decodes at a fraction of the size
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        buffer = io.BytesIO()
        image.save(buffer, format=kind, **({"quality": 88} if kind in ("JPEG", "WEBP") else {}))
    return buffer.getvalue(), extension


def _qr_png(text: str) -> bytes:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=3)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def _write_qr(target: Path, text: str) -> None:
    _write(target, _qr_png(text))


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)  # readers never see half a file


def statics_path(cfg, relative: str) -> Path:
    """DATA_DIR/statics/... for a 'statics/...' path as the API returns it."""
    return Path(cfg.statics_dir) / relative.removeprefix("statics/")


async def run(function, *args):
    """Disk work, in the default executor."""
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def crunch(function, *args):
    """CPU work on images and their bytes, in the image pool."""
    return await asyncio.get_running_loop().run_in_executor(_image_work, function, *args)


async def qr_png(text: str) -> bytes:
    return await crunch(_qr_png, text)


async def save_qr(cfg, relative: str, text: str) -> str:
    """Write a PNG QR code of text at the 'statics/...' path relative; returns that path."""
    await crunch(_write_qr, statics_path(cfg, relative), text)
    return relative


async def save_bytes(cfg, relative: str, data: bytes) -> str:
    await run(_write, statics_path(cfg, relative), data)
    return relative


def _remove(target: Path) -> None:
    target.unlink(missing_ok=True)


async def remove(cfg, relative: str) -> None:
    """Delete a file we wrote; anything that is not ours under statics/ is left alone."""
    target = statics_path(cfg, relative).resolve()
    if relative.startswith("statics/") and target.is_relative_to(Path(cfg.statics_dir).resolve()):
        await run(_remove, target)


async def save_image(cfg, stem: str, data: bytes) -> str:
    """Write image bytes (checked with Pillow) at stem + the extension of their real format."""
    extension = await crunch(image_extension, data)
    return await save_bytes(cfg, f"{stem}.{extension}", data)
