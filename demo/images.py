"""The demo's one picture, drawn in code and saved through the default storage (so S3 works too)."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

DEMO_IMAGE_TITLE = "Contributions growing week by week"


def demo_image():
    """The demo's picture of contributions growing week by week.

    Created once: an existing image with the same title is returned as it is.
    """
    image_model = get_image_model()
    existing = image_model.objects.filter(title=DEMO_IMAGE_TITLE).first()
    if existing is not None:
        return existing
    picture = PillowImage.new("RGB", (960, 540), (246, 244, 238))
    draw = ImageDraw.Draw(picture)
    for week in range(8):
        height = 60 + week * 52
        left = 80 + week * 105
        draw.rectangle([left, 480 - height, left + 70, 480], fill=(12, 102, 84))
    draw.line([60, 480, 900, 480], fill=(40, 40, 40), width=4)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return image_model.objects.create(title=DEMO_IMAGE_TITLE, file=ImageFile(buffer, name="contributions.png"))
