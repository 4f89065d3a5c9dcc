"""Images carry alt text written for their context; poor alt text is refused with a clear message."""

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.blocks import AccessibleImageBlock, alt_text_problem
from tests.conftest import parse


@pytest.mark.parametrize(
    "alt,expected",
    [
        ("", "Describe what the image shows"),
        ("IMG_2041.JPG", "looks like a file name"),
        ("team-photo.png", "looks like a file name"),
        ("Image of a cat on a keyboard", 'leave out "image of"'),
        ("picture showing the admin", 'leave out "image of"'),
        ("A cat asleep on a laptop keyboard", None),
        ("The migrations table after squashing", None),
    ],
)
def test_alt_text_rules(alt, expected):
    problem = alt_text_problem(alt)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


@pytest.fixture
def image(db):
    return Image.objects.create(title="A test image", file=get_test_image_file())


def test_an_image_without_alt_text_must_be_marked_decorative(image):
    block = AccessibleImageBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "mark it as decorative" in str(caught.value.block_errors["alt_text"].messages[0])
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))


def test_file_name_alt_text_is_refused_even_with_text(image):
    block = AccessibleImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "screenshot.png", "decorative": False}))


def test_decorative_images_render_with_empty_alt_and_others_with_their_alt(image):
    block = AccessibleImageBlock()
    decorative = parse_html(block.render(block.to_python({"image": image.pk, "alt_text": "x", "decorative": True})))
    assert decorative.find("img")["alt"] == ""
    described = parse_html(block.render(block.to_python({"image": image.pk, "alt_text": "A chart of latency"})))
    img = described.find("img")
    assert img["alt"] == "A chart of latency"
    assert img["width"] and img["height"] and img["loading"] == "lazy"


def parse_html(html):
    class Response:
        content = html.encode()

    return parse(Response)
