import pytest
from bs4 import BeautifulSoup

from reviews.video import video_embed
from tests.conftest import parse
from tests.reviews.conftest import make_review


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=1BFjg9XtptM&ab_channel=DjangoConUS",
        "https://youtube.com/watch?feature=share&v=1BFjg9XtptM",
        "https://m.youtube.com/watch?v=1BFjg9XtptM",
        "https://youtu.be/1BFjg9XtptM?si=abc",
        "https://www.youtube.com/embed/1BFjg9XtptM",
        "https://www.youtube-nocookie.com/embed/1BFjg9XtptM",
        "https://www.youtube.com/shorts/1BFjg9XtptM",
        "http://www.youtube.com/live/1BFjg9XtptM",
    ],
)
def test_youtube_urls_become_a_privacy_friendly_embed(url):
    video = video_embed(url)
    assert (video.provider, video.id) == ("youtube", "1BFjg9XtptM")
    assert video.embed_url == "https://www.youtube-nocookie.com/embed/1BFjg9XtptM"
    assert video.url_at(123) == "https://www.youtube.com/watch?v=1BFjg9XtptM&t=123s"


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://vimeo.com/channels/staffpicks/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://vimeo.com/76979871/0123abcd", "https://player.vimeo.com/video/76979871?h=0123abcd&dnt=1"),
    ],
)
def test_vimeo_urls_become_a_do_not_track_embed(url, embed):
    video = video_embed(url)
    assert (video.provider, video.id, video.embed_url) == ("vimeo", "76979871", embed)
    assert video.url_at(90).endswith("#t=90s")


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("https://www.youtube.com/watch?v=1BFjg9XtptM&t=42s", 42),
        ("https://www.youtube.com/watch?v=1BFjg9XtptM&t=42", 42),
        ("https://www.youtube.com/watch?t=1m2s&v=1BFjg9XtptM", 62),
        ("https://youtu.be/1BFjg9XtptM?t=3723", 3723),
        ("https://youtu.be/1BFjg9XtptM?si=abc&t=1h2m3s", 3723),
        ("https://www.youtube.com/embed/1BFjg9XtptM?start=10", 10),
        ("https://www.youtube.com/watch?v=1BFjg9XtptM#t=90", 90),
    ],
)
def test_youtube_addresses_keep_their_start_time(url, start):
    video = video_embed(url)
    assert video.start == start
    assert video.embed_url == f"https://www.youtube-nocookie.com/embed/1BFjg9XtptM?start={start}"
    assert video.player_url == f"https://www.youtube-nocookie.com/embed/1BFjg9XtptM?start={start}&autoplay=1"
    assert video.watch_url == f"https://www.youtube.com/watch?v=1BFjg9XtptM&t={start}s"


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("https://vimeo.com/76979871#t=42s", 42),
        ("https://vimeo.com/76979871#t=1m2s", 62),
        ("https://player.vimeo.com/video/76979871#t=90", 90),
    ],
)
def test_vimeo_addresses_keep_their_start_time(url, start):
    video = video_embed(url)
    assert video.start == start
    assert video.embed_url == f"https://player.vimeo.com/video/76979871?dnt=1#t={start}s"
    # The player's own parameters go before the fragment, or Vimeo would ignore them.
    assert video.player_url == f"https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t={start}s"
    assert video.watch_url == f"https://vimeo.com/76979871#t={start}s"


def test_an_unlisted_vimeo_video_keeps_its_hash_and_its_start_time():
    video = video_embed("https://vimeo.com/76979871/0123abcd#t=5s")
    assert video.embed_url == "https://player.vimeo.com/video/76979871?h=0123abcd&dnt=1#t=5s"
    assert video.watch_url == "https://vimeo.com/76979871/0123abcd#t=5s"


@pytest.mark.parametrize("url", ["https://www.youtube.com/watch?v=1BFjg9XtptM&t=soon", "https://vimeo.com/76979871#t="])
def test_a_start_time_that_is_not_a_time_starts_at_the_beginning(url):
    video = video_embed(url)
    assert video.start == 0 and "#t=" not in video.embed_url and "start=" not in video.embed_url


@pytest.mark.django_db
def test_the_review_page_plays_from_the_start_time(client, review_index):
    page = make_review(review_index, video_url="https://www.youtube.com/watch?v=abcdefghijk&t=42s")
    html = parse(client.get(page.url))
    assert html.select_one("template[data-video-facade-player]").decode_contents().count("start=42&amp;autoplay=1") == 1
    assert html.select_one(".video-facade figcaption a")["href"] == "https://www.youtube.com/watch?v=abcdefghijk&t=42s"


@pytest.mark.parametrize(
    "url",
    [
        "https://talkpython.fm/episodes/show/451",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://notyoutube.com/watch?v=1BFjg9XtptM",
        "javascript:alert(1)",
        "",
        "http://[::1",
    ],
)
def test_other_urls_are_not_embedded_and_have_no_timestamp_links(url):
    video = video_embed(url)
    assert not video.embeddable
    assert video.provider == ""
    assert video.url_at(10) is None


@pytest.mark.django_db
def test_review_renders_a_click_to_load_player_without_contacting_youtube(client, review_index):
    page = make_review(review_index, talk_title="Fixing an ORM bug")
    html = parse(client.get(page.url))
    facade = html.find(class_="video-facade")
    button = facade.find("button")
    assert button["type"] == "button"
    assert button.get_text(strip=True) == "Play video: Fixing an ORM bug"
    # The iframe only exists inside an inert <template> until the reader presses Play.
    iframes = html.find_all("iframe")
    assert len(iframes) == 1
    assert iframes[0].find_parent("template") is not None
    assert iframes[0]["title"] == "Video: Fixing an ORM bug"
    assert iframes[0]["src"].startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")
    assert facade.find("a", href="https://www.youtube.com/watch?v=abcdefghijk") is not None
    # Nothing on the page makes the browser fetch from a video host: no images, no inline scripts.
    for tag in html.find_all(["img", "script", "link"]):
        source = tag.get("src") or tag.get("href") or ""
        assert "youtube" not in source and "ytimg" not in source and "vimeo" not in source
    for script in html.find_all("script", type=lambda t: t != "application/ld+json"):  # JSON-LD is data
        # The player's own script and the header search's suggestions, both from the site.
        assert script.get("src", "").endswith(("js/video-facade.js", "js/search-suggest.js")), "no inline scripts"


@pytest.mark.django_db
def test_review_of_a_podcast_links_to_it_without_a_player(client, review_index):
    page = make_review(review_index, video_url="https://talkpython.fm/episodes/show/451")
    html = parse(client.get(page.url))
    assert html.find(class_="video-facade") is None
    assert html.find("iframe") is None
    assert html.find("a", href="https://talkpython.fm/episodes/show/451") is not None
    # No player script: only the header search's suggestions, on every page.
    scripts = html.find_all("script", type=lambda t: t != "application/ld+json")
    assert [script.get("src") for script in scripts] == ["/static/js/search-suggest.js"]


@pytest.mark.django_db
def test_the_poster_shows_the_talk_its_speakers_and_event_and_a_listing_image_when_there_is_one(client, review_index):
    import datetime
    import io

    from django.core.files.images import ImageFile
    from django.template.loader import render_to_string
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    from reviews.models import Event, Speaker

    page = make_review(review_index, talk_title="Offline First")
    page.speakers = [Speaker.objects.create(name="Ada Example"), Speaker.objects.create(name="Lin Example")]
    page.event = Event.objects.create(name="Demo Conf", start_date=datetime.date(2025, 5, 1))
    page.save_revision().publish()
    poster = parse(client.get(page.url)).find(class_="video-facade__poster")
    assert poster.get_text(" ", strip=True) == "Offline First Ada Example, Lin Example · Demo Conf"
    assert poster["aria-hidden"] == "true"  # the button and the facts above say it all to a screen reader

    buffer = io.BytesIO()
    PillowImage.new("RGB", (320, 180), (20, 120, 100)).save(buffer, "JPEG")
    image = Image.objects.create(title="Stage", file=ImageFile(buffer, name="stage.jpg"))
    html = BeautifulSoup(
        render_to_string("reviews/video.html", {"video": page.video, "title": "Offline First", "poster": image}),
        "html.parser",
    )
    picture = html.select_one(".video-facade__image img")
    assert picture["alt"] == "" and picture["src"].startswith("/")  # decorative, served by the site
    assert "youtube" not in str(html.select_one(".video-facade__image"))
