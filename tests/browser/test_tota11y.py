"""tota11y works wherever a draft is shown (preview panel, preview in a new tab, share link) with no CSP
violation or console error, and the content checker never reports tota11y's own markup."""

import re

import pytest
from playwright.sync_api import expect

from sharing.models import ShareLink
from tests.browser.axe import AXE_JS
from tests.editors.conftest import PASSWORD, member_of
from tests.guides.factories import make_guide, make_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

# Generous: the admin and its preview do real work, and CI machines are busy.
SLOW = 30_000
RECORD_PROBLEMS = """
window.__problems = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__problems.push(`CSP ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


class Watch:
    """Console errors and failed requests of every page in a browser context."""

    def __init__(self, context):
        self.errors = []
        context.add_init_script(RECORD_PROBLEMS)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page):
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        # The site has no favicon yet; a missing one is the browser's own request, not the page's.
        page.on(
            "response",
            lambda r: (
                r.status >= 400 and not r.url.endswith("/favicon.ico") and self.errors.append(f"{r.status} {r.url}")
            ),
        )

    def console_errors(self):
        return [e for e in self.errors if not e.startswith("Failed to load resource")]


def run_a_tota11y_check(frame):
    """Open tota11y's menu, switch on its Headings check and see its report; return the CSP problems seen."""
    toggle = frame.locator(".tota11y-toolbar-toggle")
    expect(toggle).to_be_visible(timeout=SLOW)
    toggle.click()
    expect(frame.locator(".tota11y-toolbar")).to_have_class(re.compile("tota11y-expanded"), timeout=SLOW)
    frame.locator(".tota11y-plugin").filter(has_text="Headings").locator("label").click()
    report = frame.locator(".tota11y-info")
    expect(report).to_be_visible(timeout=SLOW)
    expect(report.locator(".tota11y-heading-outline-entry").first).to_be_visible(timeout=SLOW)
    # Its stylesheet applied (inline <style> elements): the toolbar is fixed to the window, not in the flow.
    assert frame.locator(".tota11y-toolbar").evaluate("e => getComputedStyle(e).position") == "fixed"
    return frame.evaluate("window.__problems")


def log_in(context, base_url, username, password=PASSWORD):
    page = context.new_page()
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/", timeout=SLOW)
    return page


@pytest.fixture
def draft_guide():
    guide = make_guide(make_index(), "Checked in preview")
    guide.title = "Checked in preview, edited"
    guide.save_revision()
    return guide


def test_tota11y_runs_in_the_preview_panel_a_new_tab_and_a_share_link(
    live_server, chromium, django_user_model, draft_guide
):
    base = live_server.url
    member_of(django_user_model, "Editors", "edna")
    context = chromium.new_context()
    watch = Watch(context)
    try:
        editor = log_in(context, base, "edna")
        editor.goto(f"{base}/admin/pages/{draft_guide.pk}/edit/")
        editor.get_by_role("button", name="Toggle preview").click()
        iframe = editor.locator("#w-preview-iframe")
        expect(iframe).to_be_visible(timeout=SLOW)
        frame = editor.frame_locator("#w-preview-iframe")
        expect(frame.get_by_role("heading", level=1)).to_have_text("Checked in preview, edited", timeout=SLOW)
        assert run_a_tota11y_check(iframe.element_handle().content_frame()) == []

        with editor.expect_popup(timeout=SLOW) as popup:
            editor.get_by_role("link", name="Preview in new tab").click()
        tab = popup.value
        tab.wait_for_load_state()
        assert run_a_tota11y_check(tab) == []

        reviewer = chromium.new_context()  # no account, no cookies
        watch_reviewer = Watch(reviewer)
        try:
            shared = reviewer.new_page()
            shared.goto(base + ShareLink.objects.create(page=draft_guide).get_absolute_url())
            assert run_a_tota11y_check(shared) == []
            assert watch_reviewer.console_errors() == []
        finally:
            reviewer.close()
        assert watch.console_errors() == []
    finally:
        context.close()


def test_the_checker_never_reports_tota11ys_own_markup(live_server, chromium, django_user_model, draft_guide):
    base = live_server.url
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    # This test injects axe-core as an inline script; the CSP itself is the other test's subject.
    context = chromium.new_context(bypass_csp=True)
    try:
        page = log_in(context, base, "root")
        page.goto(f"{base}/admin/pages/{draft_guide.pk}/view_draft/")
        run_a_tota11y_check(page)
        page.add_script_tag(path=str(AXE_JS))
        # The configuration the userbar's checker runs axe with, for a superuser: every axe rule.
        found = page.evaluate(
            """async () => {
                const userbar = document.querySelector("wagtail-userbar");
                const config = JSON.parse(userbar.shadowRoot.querySelector("#checker-axe-configuration").textContent);
                const inTota11y = async (context) => {
                    const result = await axe.run(context, config.options);
                    return result.violations.flatMap((v) => v.nodes)
                        .filter((node) => document.querySelector(node.target[0])?.closest(".tota11y")).length;
                };
                return {
                    checker: await inTota11y(config.context),
                    without_exclusion: await inTota11y({include: config.context.include}),
                };
            }"""
        )
        assert found["without_exclusion"] > 0  # tota11y's toolbar does break rules (that is not our content)
        assert found["checker"] == 0
    finally:
        context.close()


def overlap(a, b):
    """Whether two bounding boxes share any area."""
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_the_userbar_leaves_tota11ys_toolbar_and_report_uncovered(
    live_server, chromium, django_user_model, draft_guide, width, height
):
    member_of(django_user_model, "Editors", "edna")
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = log_in(context, live_server.url, "edna")
        page.goto(f"{live_server.url}/admin/pages/{draft_guide.pk}/view_draft/")
        run_a_tota11y_check(page)  # the toolbar open and the Headings report shown
        userbar = page.locator("wagtail-userbar .w-userbar-trigger")  # inside the userbar's shadow root
        expect(userbar).to_be_visible(timeout=SLOW)
        trigger = userbar.bounding_box()
        for part in (".tota11y-toolbar", ".tota11y-info"):
            box = page.locator(part).bounding_box()
            assert not overlap(trigger, box), (part, box, trigger)
            # and all of it inside the window, where it can be read
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (part, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (part, box)
    finally:
        context.close()
