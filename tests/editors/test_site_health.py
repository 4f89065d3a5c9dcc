"""The site health report: what is wrong on live pages, from the reference index and stored fields, in a
fixed number of queries; in the Reports menu for Editors and Moderators, filterable and exportable."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, ReferenceIndex

from guides.models import GuidePage
from operations import site_health
from tests import factories
from tests.guides.factories import make_guide, make_index, section

URL = "/admin/reports/site-health/"


def linking_to(*pages, image=None):
    links = " ".join(f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in pages)
    answer = [("paragraph", f"<p>See {links}.</p>")]
    if image is not None:
        answer.append(("image", {"image": image, "alt_text": "A chart", "caption": "", "decorative": False}))
    return [section("Links", [{"question": "Where next?", "answer": answer}])]


def problems_of(page, rows):
    return {(row.problem, row.detail) for row in rows if row.page_id == page.pk}


@pytest.fixture
def index(home_page):
    return make_index()


def test_links_to_pages_that_are_gone_private_unpublished_or_redirected_and_to_deleted_images(index):
    draft = make_guide(index, "Still a draft", publish=False)
    private = make_guide(index, "Members only")
    factories.make_private(private)
    moved = make_guide(index, "Moved away")
    Redirect.objects.create(old_path=Redirect.normalise_path(moved.url), redirect_link="https://example.com/")
    doomed = make_guide(index, "Soon deleted")
    image = Image.objects.create(title="A chart", file=get_test_image_file())
    fine = make_guide(index, "Fine")
    linking = make_guide(index, "Linking", body_value=linking_to(draft, private, moved, doomed, fine, image=image))
    doomed_pk = doomed.pk
    doomed.delete()
    image_pk = image.pk
    image.delete()

    found = problems_of(linking, site_health.site_health_problems())
    assert found == {
        (site_health.LINK_UNPUBLISHED, "“Still a draft” is not published"),
        (site_health.LINK_PRIVATE, "“Members only” is private: visitors are asked to log in"),
        (site_health.LINK_REDIRECTED, "“Moved away” has a redirect away from its address"),
        (site_health.LINK_DELETED, f"Page {doomed_pk} no longer exists"),
        (site_health.IMAGE_GONE, f"Image {image_pk} no longer exists"),
    }


def test_missing_summary_alt_text_and_description_headings_out_of_order_and_old_reviews(home_page, index):
    image = Image.objects.create(title="A chart", file=get_test_image_file())
    bare = make_guide(index, "Bare", summary="", listing_image=image)
    article = factories.article(
        home_page, title="Skips a level", body=[("paragraph", "<h2>One</h2><p>x</p><h4>Too deep</h4>")]
    )
    reviewed = make_guide(index, "Reviewed long ago", last_reviewed=datetime.date(2024, 1, 1))
    fresh = make_guide(index, "Reviewed lately", last_reviewed=datetime.date(2026, 11, 1))

    rows = site_health.site_health_problems(today=datetime.date(2026, 12, 7))
    assert {problem for problem, _ in problems_of(bare, rows)} == {
        site_health.NO_SUMMARY,
        site_health.NO_META_DESCRIPTION,
        site_health.NO_ALT_TEXT,
    }
    assert problems_of(article, rows) == {
        (site_health.HEADINGS_OUT_OF_ORDER, "A level 4 heading follows a level 2 one")
    }
    assert problems_of(reviewed, rows) == {(site_health.NOT_REVIEWED, "Last reviewed 1 January 2024")}
    assert problems_of(fresh, rows) == set()


def test_how_long_before_a_review_is_due_is_a_setting(index, settings):
    guide = make_guide(index, "Reviewed in spring", last_reviewed=datetime.date(2026, 4, 1))
    assert not problems_of(guide, site_health.site_health_problems(today=datetime.date(2026, 12, 7)))
    settings.HUBSITE_REVIEW_AFTER_DAYS = 90
    assert problems_of(guide, site_health.site_health_problems(today=datetime.date(2026, 12, 7)))


def many_guides(index, numbers, links_to):
    """Live guides numbered `numbers`, each linking to `links_to`, made in bulk (no save() per page)."""
    guide_type = ContentType.objects.get_for_model(GuidePage)
    pages = Page.objects.bulk_create(
        Page(
            title=f"Bulk {n}",
            slug=f"bulk-{n}",
            content_type=guide_type,
            path=GuidePage._get_path(index.path, index.depth + 1, index.numchild + n + 1),  # after its children
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}bulk-{n}/",
            live=True,
            locale_id=index.locale_id,
            draft_title=f"Bulk {n}",
        )
        for n in numbers
    )
    guides = [GuidePage(page_ptr_id=page.pk, summary="", body=[]) for page in pages]
    GuidePage.objects.all()._batched_insert(guides, GuidePage._meta.local_concrete_fields, batch_size=500)
    page_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        ReferenceIndex(
            content_type=guide_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            to_content_type=page_type,
            to_object_id=str(links_to.pk),
            model_path="body",
            content_path=f"body.{page.pk}",
            content_path_hash=ReferenceIndex._get_content_path_hash(f"body.{page.pk}"),
        )
        for page in pages
    )


def report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        rows = site_health.site_health_problems()
        assert client.get(URL + "?problem=" + site_health.LINK_UNPUBLISHED).status_code == 200
    return len(queries), rows


def test_the_report_costs_the_same_queries_at_ten_pages_and_at_a_thousand(client, index, admin_user):
    draft = make_guide(index, "Still a draft", publish=False)
    client.force_login(admin_user)
    many_guides(index, range(10), draft)
    at_ten, rows = report_queries(client)
    assert sum(row.problem == site_health.LINK_UNPUBLISHED for row in rows) == 10
    many_guides(index, range(10, 1000), draft)
    at_thousand, rows = report_queries(client)
    assert sum(row.problem == site_health.LINK_UNPUBLISHED for row in rows) == 1000
    assert at_thousand == at_ten


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_find_it_in_reports_and_each_row_opens_the_editor(request, client, role, index):
    member = request.getfixturevalue(role)
    draft = make_guide(index, "Still a draft", publish=False)
    linking = make_guide(index, "Linking", body_value=linking_to(draft))
    client.force_login(member)
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    html = client.get(URL).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[linking.pk]) in html
    assert "“Still a draft” is not published" in html

    filtered = client.get(URL, {"problem": site_health.NOT_REVIEWED}).content.decode()
    assert "“Still a draft” is not published" not in filtered

    csv = client.get(URL, {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    exported = b"".join(csv.streaming_content).decode()
    assert "Linking" in exported and site_health.LINK_UNPUBLISHED in exported
    xlsx = client.get(URL, {"export": "xlsx"})
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_people_outside_the_editorial_groups_cannot_open_it(client, django_user_model, home_page):
    from django.contrib.auth.models import Permission

    someone = django_user_model.objects.create_user("someone", password="x")
    someone.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(someone)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(URL).status_code in (302, 403)
