"""Reviews say what they review; podcast episodes get a click-to-play audio player under the strict CSP."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from reviews.models import Event
from tests.conftest import parse
from tests.reviews.conftest import ROOT, make_review

pytestmark = pytest.mark.django_db

AUDIO = "http://localhost/media/episode-7.mp3"


def episode(index, slug="episode-7", **fields):
    fields = {"kind": "episode", "video_url": "", "audio_url": AUDIO, "podcast": "The Testing Show", **fields}
    return make_review(index, slug, talk_title="Episode 7: Flaky tests", **fields)


def stylesheets(html):
    return [link["href"] for link in html.find_all("link", rel="stylesheet")]


def scripts(html):
    return [script["src"] for script in html.find_all("script", src=True)]


def test_an_episode_gets_a_player_that_fetches_nothing_before_play(client, review_index):
    page = episode(review_index)
    response = client.get(page.url)
    html = parse(response)
    audio = html.find("audio")
    assert audio["src"] == AUDIO and audio["preload"] == "none" and audio.has_attr("controls")
    assert audio["aria-label"] == "Episode: Episode 7: Flaky tests"
    assert audio.find("a", href=AUDIO) is not None  # browsers without <audio> offer the file
    assert html.find("dt", string="Episode") and html.find("dt", string="Podcast").find_next("dd").get_text() == (
        "The Testing Show"
    )
    assert html.find(class_="video-facade") is None and html.find("iframe") is None
    assert any(href.endswith("css/player.css") for href in stylesheets(html))
    assert any(src.endswith("js/audio-player.js") for src in scripts(html))
    assert "style=" not in response.content.decode() and html.find("script", src=False, type=None) is None


def test_a_talk_without_a_video_links_to_its_page_and_loads_no_player(client, review_index):
    event = Event.objects.create(
        name="DjangoCon US 2025", start_date=datetime.date(2025, 9, 8), url="https://2025.djangocon.us/"
    )
    page = make_review(review_index, video_url="", event=event, details_url="https://2025.djangocon.us/talks/a-talk/")
    html = parse(client.get(page.url))
    assert html.find("dt", string="Talk") is not None and html.find("dt", string="Episode") is None
    link = html.find("a", href="https://2025.djangocon.us/talks/a-talk/")
    assert link.get_text() == "The talk on DjangoCon US 2025’s site"
    assert html.find("audio") is None and html.find(class_="video-facade") is None
    assert not [s for s in scripts(html) if "audio" in s or "video" in s]
    assert not [h for h in stylesheets(html) if "player" in h]
    assert "Watch or listen" not in html.get_text()


def test_an_episode_needs_its_audio_or_its_page(review_index):
    page = episode(review_index)
    page.audio_url = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "An episode needs its audio file or its page" in str(error.value.message_dict["audio_url"])
    page.details_url = "https://podcast.test/7"
    page.full_clean()


def test_audio_from_an_origin_the_csp_refuses_is_explained_and_csp_media_sources_allows_it(review_index):
    page = episode(review_index)
    page.audio_url = "https://cdn.podcast.test/7.mp3"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Browsers will not play audio from https://cdn.podcast.test" in str(error.value)
    assert "CSP_MEDIA_SOURCES" in str(error.value)
    # The review form has no upload: the message sends the editor to where one is.
    assert "Upload the file under Documents and paste the document's address here" in str(error.value)
    policy = {"DIRECTIVES": {"media-src": ["'self'", "https://*.podcast.test"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        page.full_clean()


def test_csp_media_sources_adds_origins_to_the_public_media_src():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev"}
    env["CSP_MEDIA_SOURCES"] = "https://cdn.podcast.test,https://media.podcast.test"
    code = "import django, json; django.setup(); from django.conf import settings; "
    code += "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src']))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    media_src = json.loads(out.stdout)
    assert media_src[0] == "'self'"
    assert media_src[-2:] == ["https://cdn.podcast.test", "https://media.podcast.test"]


def test_listen_wording_for_episodes(client, review_index):
    page = episode(review_index, watch_if=[{"type": "reason", "value": "you maintain a test suite"}])
    html = parse(client.get(page.url))
    assert html.find("h2", id="watch-this-if").get_text() == "You should listen to this if"


@pytest.mark.parametrize(
    "url, said",
    [
        ("https://www.youtube.com/playlist?list=PL2NFhrDSOxgXXUMIGOs8lNe2B-f4pXOX-", "is a playlist"),
        ("https://www.youtube.com/@djangoconus", "is not a single video"),
        ("https://vimeo.com/showcase/123456", "is a playlist"),
    ],
)
def test_a_video_address_the_player_cannot_play_is_refused_with_what_it_accepts(review_index, url, said):
    with pytest.raises(ValidationError) as error:
        episode(review_index, kind="talk", video_url=url, audio_url="")
    message = " ".join(error.value.message_dict["video_url"])
    assert said in message and "https://www.youtube.com/watch?v=" in message and "https://vimeo.com/" in message


def test_a_video_in_a_playlist_or_another_sites_video_is_accepted(review_index):
    for number, url in enumerate(("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1", "https://example.org/talk")):
        episode(review_index, slug=f"talk-{number}", kind="talk", video_url=url, audio_url="").full_clean()


def test_an_audio_address_that_is_a_web_page_is_refused_with_what_it_accepts(review_index):
    with pytest.raises(ValidationError) as error:
        episode(review_index, audio_url="http://localhost/episodes/7.html")
    message = " ".join(error.value.message_dict["audio_url"])
    assert "Browsers cannot play a .html address as audio" in message and "MP3, M4A" in message
