"""Wagtail's `publish_scheduled`, saying what it published and unpublished.

Wagtail's command works silently. This one runs it unchanged and reports every object it
published or unpublished, as Wagtail's own signals announce them, with times in the site's time
zone (TIME_ZONE). It prints nothing when there was nothing to do, so cron mails only when something
happened; `-v 2` says "nothing to do" too.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Page
from wagtail.signals import published, unpublished


def describe(obj):
    if isinstance(obj, Page):
        # The public address a reader would open (SITE_URL), not the page's place in the tree (/home/…).
        return f"“{obj.get_admin_display_title()}” ({obj.get_full_url() or obj.url_path})"
    return f"{type(obj)._meta.verbose_name} “{obj}”"


@contextmanager
def recording(signal):
    """Collect the instances `signal` announces while the block runs (each once, in order)."""
    seen = {}

    def record(sender, instance, **kwargs):
        seen.setdefault((type(instance)._meta.label, instance.pk), instance)

    signal.connect(record, weak=False, dispatch_uid=f"publish_scheduled.report.{id(seen)}")
    try:
        yield seen
    finally:
        signal.disconnect(dispatch_uid=f"publish_scheduled.report.{id(seen)}")


class Command(WagtailCommand):
    help = (
        "Publish pages and snippets whose go-live time has passed and unpublish those past their expiry, "
        f"saying which. Times are in the site's time zone ({settings.TIME_ZONE}). Run it every few minutes."
    )

    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        with recording(published) as went_live, recording(unpublished) as expired:
            super().handle(*args, **options)
        when = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
        for obj in went_live.values():
            self.stdout.write(f"Published {describe(obj)}, scheduled for {self.local(obj.go_live_at)}")
        for obj in expired.values():
            self.stdout.write(f"Unpublished {describe(obj)}, expired at {self.local(obj.expire_at)}")
        if went_live or expired:
            self.stdout.write(self.style.SUCCESS(f"{when}: published {len(went_live)}, unpublished {len(expired)}."))
        elif options["verbosity"] >= 2:
            self.stdout.write(f"{when}: nothing to publish or unpublish.")

    @staticmethod
    def local(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z") if moment else "now"
