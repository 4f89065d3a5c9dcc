"""The episode player in a real browser: nothing is fetched before Play; a transcript time plays from its moment."""

import io
import wave

import pytest

from reviews.models import TalkReviewIndexPage
from tests.browser.axe import axe_violations
from tests.factories import ensure_site_tree
from tests.reviews.conftest import make_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

SECONDS = 120


def silent_wav(seconds=SECONDS, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(1)
        audio.setframerate(rate)
        audio.writeframes(bytes([128]) * rate * seconds)
    return buffer.getvalue()


def played_from(page, timeout=10.0):
    """The audio's position once it has moved (polled: the strict CSP forbids wait_for_function's eval)."""
    for _ in range(int(timeout / 0.1)):
        position = page.evaluate("document.querySelector('audio').currentTime")
        if position > 0:
            return position
        page.wait_for_timeout(100)
    return 0


def episode_page(live_server):
    home = ensure_site_tree()
    index = TalkReviewIndexPage(title="Videos to Watch", slug="videos")
    home.add_child(instance=index)
    index.save_revision().publish()
    transcript = [
        {"type": "segment", "value": {"start": "00:00:00", "text": "Hello.\n00:00:04 More words.\n00:00:09 And more."}},
        {"type": "segment", "value": {"start": "00:00:40", "text": "A new paragraph.\n00:01:05 Later words."}},
    ]
    audio_url = live_server.url + "/media/episode-9.wav"
    return make_review(index, kind="episode", video_url="", audio_url=audio_url, transcript=transcript), audio_url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_player_and_the_transcript_times_pass_axe(live_server, chromium, scheme):
    page, _audio_url = episode_page(live_server)
    context = chromium.new_context(color_scheme=scheme, bypass_csp=True)  # axe is injected as a script
    tab = context.new_page()
    tab.goto(live_server.url + page.url)
    tab.locator("details.transcript summary").click()
    try:
        assert axe_violations(tab) == []
    finally:
        context.close()


def test_a_transcript_time_plays_the_episode_from_that_moment(live_server, browser_page):
    page, audio_url = episode_page(live_server)
    fetched, body = [], silent_wav()

    def serve_audio(route):
        """Like a real file server: byte ranges, so the browser can seek."""
        fetched.append(route.request.url)
        first, _, last = route.request.headers.get("range", "bytes=0-").removeprefix("bytes=").partition("-")
        first, last = int(first), int(last or len(body) - 1)
        route.fulfill(
            status=206,
            body=body[first : last + 1],
            headers={
                "Content-Type": "audio/wav",
                "Accept-Ranges": "bytes",
                "Content-Range": f"bytes {first}-{last}/{len(body)}",
            },
        )

    browser_page.route("**/media/episode-9.wav", serve_audio)
    browser_page.goto(live_server.url + page.url)
    browser_page.wait_for_load_state("networkidle")
    assert fetched == []  # preload="none": the page costs the listener nothing until Play

    browser_page.locator("details.transcript summary").click()
    cue = browser_page.locator("a.transcript__time", has_text="00:00:40")
    assert cue.get_attribute("href") == audio_url + "#t=40"
    cue.click()
    assert played_from(browser_page) >= 40
    assert browser_page.url == live_server.url + page.url  # it played here; the page did not navigate
    assert fetched and all(url == audio_url for url in fetched)
    assert "is-active" in browser_page.locator(".audio-player").get_attribute("class")
