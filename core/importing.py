"""What every importer does when it writes pages: who it acts as, how far it takes each page, what it says.

`import_event_notes`, `import_transcript` and `import_articles` take the same options and report in
the same words, so an editor learns them once:

- `--user USERNAME` (default: the first superuser) owns the pages an import creates and is the author
  of every revision it saves, so the page history says who imported what. An import may only do
  what that user could do in the admin: an editor cannot publish by importing.
- A page is saved as a draft; `--submit` submits it to the moderation workflow that covers it, as the
  editor's "Submit for moderation" does; `--publish` publishes it.
- Importing again updates the page made before, found by its slug, with a new revision only when
  something changed. Each page is reported `created`, `updated` or `unchanged`, and `draft`,
  `submitted` or `published`.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.models import WorkflowState

DRAFT, SUBMITTED, PUBLISHED = "draft", "submitted", "published"
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# Rich text stores a random key on every block it reads: not a change.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def add_saving_arguments(parser):
    """--user, --submit and --publish, worded the same in every importer."""
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help="Who imports: the owner of new pages and the author of every revision (default: the first superuser).",
    )
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--submit",
        action="store_true",
        help="Submit each new or changed page to the moderation workflow (default: save it as a draft).",
    )
    how.add_argument(
        "--publish",
        action="store_true",
        help="Publish each new or changed page; the user must be allowed to (default: save it as a draft).",
    )


def importing_user(username):
    """The active user called `username`, or else the first superuser; a one-line CommandError if there is none."""
    users = get_user_model().objects.filter(is_active=True)
    if username:
        user = users.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"--user {username}: no active user with that name")
        return user
    user = users.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise CommandError(
            "no superuser to import as: create one (manage.py ensure_admin), or name a user with --user USERNAME"
        )
    return user


@dataclass(frozen=True)
class Saving:
    """How an import saves its pages: as whom (`user`), and how far (`goal`: draft, submitted or published)."""

    user: object
    goal: str = DRAFT

    @classmethod
    def from_options(cls, options):
        goal = PUBLISHED if options.get("publish") else SUBMITTED if options.get("submit") else DRAFT
        return cls(importing_user(options.get("user")), goal)

    def as_draft(self):
        """The same user, leaving the page a draft (a post marked as one, or one that needs attention)."""
        return Saving(self.user, DRAFT)

    def check(self, page, *, new):
        """Stop (CommandError) before anything is written if the user may not do this: add pages under `page`
        (`new`) or edit it, and publish them or it; or if `--submit` finds no workflow to submit to."""
        permissions = page.permissions_for_user(self.user)
        name = self.user.get_username()
        where = f"under '{page.title}'" if new else f"'{page.title}'"
        if not (permissions.can_add_subpage() if new else permissions.can_edit()):
            raise CommandError(f"--user {name} may not edit pages {where}")
        if self.goal == PUBLISHED and not (permissions.can_publish_subpage() if new else permissions.can_publish()):
            raise CommandError(f"--user {name} may not publish {where}: use --submit, for a moderator to publish")
        if self.goal == SUBMITTED and page.get_workflow() is None:
            raise CommandError(f"--submit: no moderation workflow covers '{page.title}'; save drafts, or --publish")

    def create(self, parent, page, values):
        """Add `page` under `parent` with `values` (field name → value), saved as far as asked: CREATED."""
        page.owner = self.user
        page.live = False
        set_values(page, values)
        parent.add_child(instance=page)  # the page's own row holds its first version, as for a page an editor adds
        self.save(page, changed=True)
        return CREATED

    def update(self, page, values, *, dry_run=False):
        """Bring an existing page to `values`, starting from its latest draft so that fields the import does not
        set keep an editor's changes: UPDATED, or UNCHANGED when there was nothing to do."""
        draft = page.get_latest_revision_as_object()
        changed = differs(draft, values)
        if not changed and self.reached(draft):
            return UNCHANGED
        if not dry_run:
            self.check_unlocked(draft)
            set_values(draft, values)
            self.save(draft, changed=changed)
        return UPDATED

    def check_unlocked(self, page):
        """Stop if the page is locked for the user, as the editor would be (an editor's page in moderation)."""
        lock = page.get_lock()
        if lock is not None and lock.for_user(self.user):
            message = " ".join(strip_tags(lock.get_message(self.user) or "it is locked").split())
            raise CommandError(f"--user {self.user.get_username()} may not change '{page.title}': {message}")

    def reached(self, page):
        """Whether the page is already as far as this import takes it."""
        if page_state(page) == PUBLISHED:
            return True
        if self.goal == SUBMITTED:
            return page.workflow_in_progress
        return self.goal == DRAFT

    def save(self, page, *, changed):
        """A new revision by the user when `changed` (else its latest is the one to use), then submitted or
        published when asked."""
        revision = page.get_latest_revision()
        if changed or revision is None:
            revision = page.save_revision(user=self.user, log_action=True)
        if self.goal == PUBLISHED:
            revision.publish(user=self.user)
        elif self.goal == SUBMITTED:
            submit(page, self.user)


def submit(page, user):
    """Submit the page's latest revision to its moderation workflow, as the editor's "Submit for moderation" does.

    A workflow sent back for changes is resumed; one in progress goes on, and moderators approving it publish
    the latest revision, which is this one.
    """
    state = page.current_workflow_state
    if state is None:
        page.get_workflow().start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)


def page_state(page):
    """Where a page stands, in the words the importers print: published, submitted or draft."""
    if page.live and not page.has_unpublished_changes:
        return PUBLISHED
    if page.workflow_in_progress:
        return SUBMITTED
    return DRAFT


def edit_url(page):
    """The page's address in the admin's editor."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])


def outcome_line(source, action, state, url, edit=None, details=""):
    """What an import did with one page, on one line: `FILE (details): created (draft) URL, edit at ADMIN_URL`."""
    about = f" ({details})" if details else ""
    where = url if state == PUBLISHED or not edit else f"{url}, edit at {edit}"
    return f"{source}{about}: {action} ({state}) {where}"


def describe(source, action, page, details=""):
    """`outcome_line` for a page that has been saved (read again: publishing changes the page's row)."""
    page = page.specific_class.objects.get(pk=page.pk)
    return outcome_line(source, action, page_state(page), page.get_full_url() or page.url_path, edit_url(page), details)


# Comparing and setting fields ------------------------------------------------------------------


def set_values(page, values):
    """Give `page` these field values (a list of pages for a many-to-many field such as `topics`)."""
    for name, value in values.items():
        field = page._meta.get_field(name)
        if field.many_to_many:
            getattr(page, name).set(value)
        else:
            setattr(page, name, value)


def differs(page, values):
    """Whether any of `values` differs from what `page` holds (stream data compared without block ids)."""
    for name, value in values.items():
        if _comparable(page, name, getattr(page, name)) != _comparable(page, name, value, new=True):
            return True
    return False


def _comparable(page, name, value, new=False):
    field = page._meta.get_field(name)
    if field.many_to_many:
        items = value if new else value.all()
        return sorted((item.pk is None, item.pk or 0, str(item)) for item in items)
    if field.many_to_one:
        return value.pk if value is not None else None
    if isinstance(field, StreamField):
        raw = value if new else field.stream_block.get_prep_value(value)
        return without_ids(list(raw))
    return value


def without_ids(data):
    """Stream data without the ids made anew on every read (block ids, rich text's `data-block-key`s)."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(value) for value in data]
    if isinstance(data, str):
        return BLOCK_KEY.sub("", data)
    return data
