"""S3 media storage that fails fast and says so when the bucket cannot be reached."""

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage


class MediaStorageUnavailable(OSError):
    """The media storage could not be reached or refused the request; nothing was stored."""


class S3MediaStorage(S3Storage):
    """django-storages' S3Storage with short timeouts and one exception for an outage.

    - Timeouts and retries are bounded, so an unreachable endpoint costs an upload seconds, not the
      minutes boto3 would wait (well past the app server's worker timeout).
    - A failed upload raises `MediaStorageUnavailable`, which operations.middleware turns into an error the
      editor can read. The file is stored before the database row is written, so no row is left.
    - A failed read is an OSError too, which Wagtail treats as a missing source image: a page whose
      rendition is not made yet still renders (without that picture) instead of failing.
    """

    def __init__(self, **settings):
        settings.setdefault(
            "client_config",
            Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}),
        )
        super().__init__(**settings)

    def save(self, name, content, max_length=None):
        # save(), not _save(): choosing a free name asks the bucket first.
        try:
            return super().save(name, content, max_length=max_length)
        except (BotoCoreError, ClientError) as error:
            raise MediaStorageUnavailable(f"media storage unavailable: {error}") from error

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except (BotoCoreError, ClientError) as error:
            raise MediaStorageUnavailable(f"media storage unavailable: {error}") from error
