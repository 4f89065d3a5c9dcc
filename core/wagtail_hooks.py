"""Admin customisations every part of the hub shares."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import Author
from core.rich_text import register_code_block


class HubContentChecker(ContentCheckerItem):
    """Wagtail's accessibility checker, tuned for the hub's editors.

    Editors see the problems they can fix by changing content, explained in plain words.
    Superusers (developers) see every axe rule, including problems in templates.
    """

    # tota11y's overlay (previews only) is not the page: every element it adds carries `.tota11y`.
    axe_exclude = [".tota11y"]
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "image-redundant-alt",
        "td-has-header",
        "th-has-data-cells",
        "duplicate-id-aria",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "button-name": {
            "error_name": _("A button has no text"),
            "help_text": _("Screen readers announce buttons by their text: say what the button does."),
        },
        "empty-heading": {
            "error_name": _("A heading is empty"),
            "help_text": _("Delete the empty heading, or write the words it should announce."),
        },
        "empty-table-header": {
            "error_name": _("A table header cell is empty"),
            "help_text": _("Give each column or row header a short label."),
        },
        "heading-order": {
            "error_name": _("A heading level is skipped"),
            "help_text": _("Go down one level at a time (2, then 3): people navigate pages by their headings."),
        },
        "link-name": {
            "error_name": _("A link has no text"),
            "help_text": _("Give every link words that say where it goes. 'Click here' is not enough."),
        },
        "p-as-heading": {
            "error_name": _("Bold text is used as a heading"),
            "help_text": _("Use a real heading instead of a bold paragraph, so it appears in the outline."),
        },
        "alt-text-quality": {
            "error_name": _("Image alt text looks like a file name"),
            "help_text": _("Describe what the image shows in this context, in a short sentence."),
        },
        "image-alt": {
            "error_name": _("An image has no alt text"),
            "help_text": _("Describe the image, or mark it as decorative if it adds nothing to the text."),
        },
        "image-redundant-alt": {
            "error_name": _("Alt text repeats nearby text"),
            "help_text": _("Say what the image adds instead of repeating the caption or link text."),
        },
        "empty-meta-description": {
            "error_name": _("The page has no summary for search engines"),
            "help_text": _("Fill in the summary (under the title): one sentence about the page."),
        },
    }

    def get_axe_run_only(self, request):
        # None makes axe run every non-experimental rule.
        return None if request.user.is_superuser else self.axe_run_only


@hooks.register("construct_wagtail_userbar")
def use_hub_content_checker(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, HubContentChecker):
            items[index] = HubContentChecker(in_editor=item.in_editor)


@hooks.register("register_rich_text_features")
def register_code_block_feature(features):
    register_code_block(features)


@hooks.register("insert_global_admin_css")
def hub_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_editor_js")
def save_after_autosave_js():
    # Every editor (pages, snippets): an editor's own save waits for an autosave on its way and no autosave
    # starts after it, so the two never race (issue 28); see the script for what the race did.
    return format_html('<script src="{}" defer></script>', static("js/save-after-autosave.js"))


class AuthorViewSet(SnippetViewSet):
    """Authors: chosen on pages for their byline, introduced on the About page."""

    model = Author
    icon = "user"
    menu_label = "Authors"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "role"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)
