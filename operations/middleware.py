"""Turning an unreachable media storage into an error message an editor can act on."""

import logging

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse

from operations.storage import MediaStorageUnavailable

logger = logging.getLogger(__name__)

STORAGE_DOWN_MESSAGE = (
    "The file could not be saved: the media storage cannot be reached just now. "
    "Nothing was saved; please try again in a few minutes."
)


class MediaStorageErrorMiddleware:
    """An upload that fails because the media storage is down gets a clear error, never a 500.

    The storage raises before the database row is written (and Wagtail saves inside a
    transaction), so nothing is half-saved. The admin's multi-file uploader gets the JSON error
    it shows beside the file; a form post is sent back to the form with the message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MediaStorageUnavailable):
            return None
        logger.error("upload refused, media storage unavailable: %s", exception, extra={"path": request.path})
        if request.method != "POST":
            return None  # a read failed: let the usual error handling show the error page
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "files[]" in request.FILES:
            return JsonResponse({"success": False, "error_message": STORAGE_DOWN_MESSAGE})
        messages.error(request, STORAGE_DOWN_MESSAGE)
        return HttpResponseRedirect(request.get_full_path())
