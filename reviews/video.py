"""Privacy-friendly video players built from a URL alone (no oEmbed or thumbnail request).

The site must render offline, so nothing here touches the network: the provider and video id
come from the URL's shape, and the player is only loaded when a reader presses Play.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_PATH_PREFIXES = ("embed", "shorts", "live", "v")
VIMEO_HOSTS = {"vimeo.com", "player.vimeo.com"}
PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}
# A start time as the providers write it: 42, 42s, 1m2s, 1h2m3s.
START_TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


@dataclass(frozen=True)
class VideoEmbed:
    """Where a talk's recording lives and how to play it; `provider` is '' when unknown."""

    url: str
    provider: str = ""
    id: str = ""
    embed_url: str = ""
    watch_url: str = ""
    # Where the pasted address starts the recording, in seconds (0: the beginning).
    start: int = 0

    @property
    def embeddable(self):
        return bool(self.embed_url)

    @property
    def player_url(self):
        """The embed address that starts playing at once (used only after the reader presses Play)."""
        if not self.embed_url:
            return ""
        address, hash_, fragment = self.embed_url.partition("#")  # Vimeo's start time is a fragment
        return f"{address}{'&' if '?' in address else '?'}autoplay=1{hash_}{fragment}"

    @property
    def provider_name(self):
        return PROVIDER_NAMES.get(self.provider, "")

    def url_at(self, seconds):
        """A link to this moment of the recording, or None when the provider has no such link."""
        seconds = int(seconds)
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}&t={seconds}s"
        if self.provider == "vimeo":
            return f"{self.watch_url}#t={seconds}s"
        return None


def _host(netloc):
    host = netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _seconds(text):
    match = START_TIME.match((text or "").strip().lower())
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _start(parts, *names):
    """The start time an address asks for: `?t=`/`?start=` (YouTube) or `#t=` (Vimeo, old YouTube links)."""
    for values in (parse_qs(parts.query), parse_qs(parts.fragment)):
        for name in names:
            if values.get(name):
                return _seconds(values[name][0])
    return 0


def _youtube_id(parts):
    host = _host(parts.netloc)
    segments = [s for s in parts.path.split("/") if s]
    candidate = ""
    if host == "youtu.be" and segments:
        candidate = segments[0]
    elif host in YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in YOUTUBE_PATH_PREFIXES:
            candidate = segments[1]
    return candidate if YOUTUBE_ID.match(candidate) else ""


def _vimeo(parts):
    """(id, private hash) for vimeo.com/123, vimeo.com/123/abc, player.vimeo.com/video/123, channels…"""
    if _host(parts.netloc) not in VIMEO_HOSTS:
        return "", ""
    segments = [s for s in parts.path.split("/") if s]
    if segments[:1] in (["showcase"], ["album"]):  # a collection's number, not a video's
        return "", ""
    for index, segment in enumerate(segments):
        if segment.isdigit():
            following = segments[index + 1] if index + 1 < len(segments) else ""
            unlisted = following if re.fullmatch(r"[0-9a-f]{6,}", following) else ""
            return segment, unlisted or (parse_qs(parts.query).get("h") or [""])[0]
    return "", ""


def video_embed(url):
    """Work out the provider, id and embed address of a video URL. Pure: no network access."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return VideoEmbed(url=url)
    if parts.scheme not in ("http", "https"):
        return VideoEmbed(url=url)
    video_id = _youtube_id(parts)
    if video_id:
        start = _start(parts, "t", "start")
        return VideoEmbed(
            url=url,
            provider="youtube",
            id=video_id,
            embed_url=f"https://www.youtube-nocookie.com/embed/{video_id}" + (f"?start={start}" if start else ""),
            watch_url=f"https://www.youtube.com/watch?v={video_id}" + (f"&t={start}s" if start else ""),
            start=start,
        )
    video_id, unlisted = _vimeo(parts)
    if video_id:
        start = _start(parts, "t")
        query = f"?h={unlisted}&dnt=1" if unlisted else "?dnt=1"
        at = f"#t={start}s" if start else ""
        return VideoEmbed(
            url=url,
            provider="vimeo",
            id=video_id,
            embed_url=f"https://player.vimeo.com/video/{video_id}{query}{at}",
            watch_url=f"https://vimeo.com/{video_id}" + (f"/{unlisted}" if unlisted else "") + at,
            start=start,
        )
    return VideoEmbed(url=url, watch_url=url)


def video_address_problem(url):
    """Why the player cannot play `url`, in words that say what to paste instead; None when it can (or when
    it is another site's address, which readers get as a plain link)."""
    parts = urlsplit((url or "").strip())
    host = _host(parts.netloc)
    if video_embed(url).embeddable:
        return None
    if host in YOUTUBE_HOSTS or host == "youtu.be":
        provider = "YouTube"
    elif host in VIMEO_HOSTS:
        provider = "Vimeo"
    else:
        return None
    kind = "a playlist" if "list" in parse_qs(parts.query) or "showcase" in parts.path else "not a single video"
    return (
        f"This {provider} address is {kind}, and the player plays one video. Open the talk itself and paste "
        "its address: https://www.youtube.com/watch?v=… or https://youtu.be/… for YouTube, "
        "https://vimeo.com/123456789 for Vimeo."
    )
