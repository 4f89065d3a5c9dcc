"""The search form in a real browser: the suggestions combobox by keyboard, and the form without JavaScript."""

import pytest

from tests.guides.factories import make_guide, make_index, question, section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


@pytest.fixture
def guide():
    return make_guide(
        make_index(),
        "Deployment",
        [
            section(
                "Organization and preparation",
                [question("What's the rollback process?"), question("Should the deployment occur after hours?")],
            )
        ],
    )


def test_suggestions_combobox_works_by_keyboard(live_server, browser_page, guide):
    page = browser_page
    page.goto(live_server.url + "/search/")
    field = page.get_by_role("combobox", name="Search for")
    assert field.get_attribute("aria-expanded") == "false"
    field.focus()
    page.keyboard.type("depl")
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = listbox.get_by_role("option")
    assert options.all_inner_texts()[0] == "Deployment"
    assert "Should the deployment occur after hours?" in options.all_inner_texts()[1]
    assert "2 suggestions" in page.locator("[aria-live=polite]").inner_text()

    # Down moves the highlight (focus stays in the field); Up from the first wraps to the last.
    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    assert first.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.press("ArrowUp")
    assert field.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")

    # Escape closes the list and keeps what was typed; Alt+Down opens it again with nothing chosen.
    page.keyboard.press("Escape")
    assert not listbox.is_visible() and field.get_attribute("aria-expanded") == "false"
    assert field.input_value() == "depl"
    page.keyboard.press("Alt+ArrowDown")
    assert listbox.is_visible() and field.get_attribute("aria-activedescendant") is None

    # Enter on a highlighted suggestion goes to it.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/guides/deployment/#should-the-deployment-occur-after-hours")


def test_enter_without_a_highlighted_suggestion_searches(live_server, browser_page, guide):
    page = browser_page
    page.goto(live_server.url + "/search/")
    page.get_by_role("combobox", name="Search for").fill("rollback")
    page.get_by_role("listbox", name="Suggestions").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=rollback*")
    link = page.locator(".search-passage__link").first
    assert link.inner_text() == "What's the rollback process?"


def test_the_form_works_without_javascript(live_server, chromium, guide):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    field = page.get_by_role("searchbox", name="Search for")
    field.fill("deployment after hours")
    page.get_by_label("Type").select_option(label="Guides")
    field.press("Enter")
    page.wait_for_url("**/search/?q=deployment+after+hours&type=guidepage*")
    assert page.locator(".search-result h3").all_inner_texts() == ["Deployment"]
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_labels_sit_beside_their_controls_or_above_the_phone_query_box(live_server, browser_page, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/search/")
    phone = width < 640
    for label, control in (
        ("search-q", "#search-q"),
        ("search-type", "#search-type"),
        ("search-topic", "#search-topic"),
    ):
        label_box = page.locator(f"label[for={label}]").bounding_box()
        control_box = page.locator(control).bounding_box()
        assert control_box["x"] + control_box["width"] <= width
        if phone and label == "search-q":
            # On a phone the query box takes the whole row (it was ~160 px wide beside its label and
            # button), its label directly above it, on the same left edge.
            assert label_box["y"] + label_box["height"] <= control_box["y"] <= label_box["y"] + 2 * label_box["height"]
            assert abs(label_box["x"] - control_box["x"]) <= 1
            assert control_box["width"] >= width - 2 * 24
            continue
        # Same line: the label's vertical middle lies within the control's height, and it is to its left.
        middle = label_box["y"] + label_box["height"] / 2
        assert control_box["y"] <= middle <= control_box["y"] + control_box["height"], (label, width)
        assert label_box["x"] + label_box["width"] <= control_box["x"], (label, width)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_suggestions_pass_axe_and_expose_their_roles(live_server, chromium, guide, scheme):
    from tests.browser.axe import axe_violations

    # bypass_csp: axe is injected as a script, which the site's CSP rightly forbids.
    context = chromium.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/search/?q=deployment")
    field = page.get_by_role("combobox", name="Search for")
    field.fill("depl")
    page.get_by_role("listbox", name="Suggestions").wait_for()
    page.keyboard.press("ArrowDown")
    # What a screen reader is given: a combobox that controls a listbox of options, one selected.
    snapshot = page.locator("form[role=search]").aria_snapshot()
    assert '- combobox "Search for"' in snapshot
    assert '- listbox "Suggestions"' in snapshot and '- option "Deployment" [selected]' in snapshot
    assert axe_violations(page) == []
    context.close()


def test_the_header_search_on_every_page_suggests_by_keyboard_with_one_request_per_pause(
    live_server, browser_page, guide
):
    page = browser_page
    page.goto(live_server.url + guide.url)
    requests = []
    page.on("request", lambda request: "/search/suggest/" in request.url and requests.append(request.url))
    field = page.get_by_role("combobox", name="Search the hub")
    field.focus()
    # Two words, the first with a slip, typed without a pause: one request, when typing stops.
    page.keyboard.type("deplyment hou")
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").all_inner_texts()[0].startswith("Should the deployment occur after hours?")
    assert len(requests) == 1
    page.keyboard.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == listbox.get_by_role("option").nth(0).get_attribute("id")
    page.keyboard.press("Escape")
    assert not listbox.is_visible() and field.input_value() == "deplyment hou"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/guides/deployment/#should-the-deployment-occur-after-hours")


def test_the_header_search_box_is_the_full_width_of_a_phone(live_server, browser_page, guide):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + guide.url)
    field = page.get_by_role("combobox", name="Search the hub")
    name = page.locator(".site-name").bounding_box()
    box = page.locator("form.site-search").bounding_box()
    # A row of its own, from the header's left edge (where the site's name starts) nearly to the right.
    assert box["y"] >= name["y"] + name["height"] and abs(box["x"] - name["x"]) < 1
    assert box["width"] >= 0.9 * 360
    assert field.bounding_box()["width"] >= 0.55 * 360  # beside the Search button
    field.fill("rollb")
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    options.first.wait_for()
    assert options.first.bounding_box()["x"] + options.first.bounding_box()["width"] <= 360
