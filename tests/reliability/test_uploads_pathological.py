"""Pathological uploads get a clear form error: no 500, no row, no memory spike.

Extends tests/operations/test_uploads.py (size limit with padding, 49-megapixel PNG, plain SVG)
with the files an attacker or a confused editor would actually send.
"""

import io
import os
import struct
import tracemalloc
import zlib

import pytest
from PIL import Image as PillowImage
from wagtail.images.models import Image

from tests.operations.test_uploads import add_image, admin_client, form_errors  # noqa: F401

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def crafted_png(width, height):
    """A valid PNG header claiming width × height pixels, with a few bytes of data: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\0" * 1024)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", rows) + png_chunk(b"IEND", b"")


def noise_png(size_bytes):
    """A real, valid PNG of random pixels (incompressible), at least `size_bytes` long."""
    side = int((size_bytes / 3) ** 0.5) + 1
    buffer = io.BytesIO()
    PillowImage.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def refused(client, name, content, content_type):
    """Upload and return the form's errors, asserting nothing was stored."""
    tracemalloc.start()
    try:
        response = add_image(client, name, content, content_type)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    assert not Image.objects.exists()
    # No decoding of a huge bitmap: the request's own allocations stay near the file's size.
    assert peak < len(content) * 3 + 40 * MB, f"peak {peak / MB:.0f} MB"
    return form_errors(response)


def test_a_real_11_mb_image_is_refused_as_too_big(admin_client):  # noqa: F811
    content = noise_png(11 * MB)
    assert len(content) > 11 * MB
    assert "too big" in refused(admin_client, "photo.png", content, "image/png")


def test_a_decompression_bomb_png_is_refused_without_allocating_it(admin_client):  # noqa: F811
    bomb = crafted_png(50_000, 50_000)  # 2.5 gigapixels in ~100 bytes
    assert len(bomb) < 200
    errors = refused(admin_client, "bomb.png", bomb, "image/png")
    assert "pixels" in errors or "not a valid" in errors.lower(), errors


def test_a_1_bit_144_megapixel_png_made_by_pillow_is_refused(admin_client):  # noqa: F811
    # 12000² one-bit pixels: 18 MB for Pillow to write here (40000² would take a minute), 144
    # megapixels (430 MB as RGB) for the server to refuse before decoding.
    buffer = io.BytesIO()
    PillowImage.new("1", (12_000, 12_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < MB
    assert "pixels" in refused(admin_client, "bomb2.png", buffer.getvalue(), "image/png")


def test_html_renamed_to_jpg_is_refused(admin_client):  # noqa: F811
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    errors = refused(admin_client, "holiday.jpg", html, "image/jpeg")
    assert "upload a valid image" in errors.lower(), errors


@pytest.mark.parametrize("name", ["logo.svg", "logo.png", "logo.jpg"])
def test_an_svg_with_script_is_refused_whatever_its_name(admin_client, name):  # noqa: F811
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    assert refused(admin_client, name, svg, "image/svg+xml")
