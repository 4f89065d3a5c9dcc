"""Where an episode's audio may be played from: the public Content Security Policy's `media-src`.

The site's strict policy lets the browser load media only from this site, its media storage and the
origins listed in CSP_MEDIA_SOURCES. An audio address anywhere else would give a player that never
plays, so the review form says so instead (an editor cannot see the policy).
"""

from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def _own_hosts():
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host and "*" not in host and host != "."}
    hosts |= {site.hostname.lower() for site in Site.objects.all()}
    hosts.add(urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "")
    return hosts


def audio_origin_allowed(url):
    """Whether the public CSP's `media-src` lets a page of this site play media from `url`."""
    origin = _origin(url)
    if not origin:
        return False
    for source in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("media-src", []):
        if source == "'self'":
            if (urlsplit(url).hostname or "").lower() in _own_hosts():
                return True
        elif fnmatchcase(origin if "://" in source else origin.split("://", 1)[1], source.rstrip("/").lower()):
            return True
    return False


def audio_origin_refused_message(url):
    return (
        f"Browsers will not play audio from {_origin(url) or url}: the site's security policy allows media only "
        "from this site and its media storage. Upload the file under Documents and paste the document's address "
        "here, or ask whoever runs the site to add that address to CSP_MEDIA_SOURCES."
    )


# What the browser's <audio> element plays (by the file's extension; an address without one is given the benefit
# of the doubt, as many podcast hosts serve files from addresses like /download/451).
AUDIO_EXTENSIONS = {"mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "webm", "mp4"}


def audio_file_problem(url):
    """Why `url` is not an audio file the player can play, with what to paste instead; None when it may be."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not extension or extension in AUDIO_EXTENSIONS:
        return None
    return (
        f"Browsers cannot play a .{extension} address as audio. Paste the address of the audio file itself "
        "(MP3, M4A, AAC, OGG, Opus, WAV or FLAC); the episode's web page goes in Talk or episode page."
    )
