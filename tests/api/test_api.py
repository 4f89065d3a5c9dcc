"""The read-only API (Wagtail's API v2): public pages only, fields listed on purpose, clear 400s, throttled."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page

from articles.models import ArticlePage
from core.models import hub_page_models
from tests import factories
from tests.testapp import without_test_app

pytestmark = pytest.mark.django_db

# What the API may show of each page type: this list, not the models, is the contract. A field
# added to a model stays private until it is added to the model's `api_fields` and here. (The test
# app's types, tests/testapp/, are held to theirs in tests/core/test_new_page_type.py.)
BASE = {"id", "title", "summary", "listing_image", "listing_image_thumbnail"}
CONTENT = BASE | {"topics"}
INDEX = BASE | {"intro"}
ALLOWED = {
    "home.HomePage": BASE | {"intro"},
    "guides.GuideIndexPage": INDEX,
    "reviews.TalkReviewIndexPage": INDEX,
    "reviews.EventNotesIndexPage": INDEX,
    "articles.ArticleIndexPage": INDEX,
    "topics.TopicIndexPage": INDEX,
    "topics.TopicPage": BASE | {"description"},
    "guides.GuidePage": CONTENT | {"intro", "body"},
    "reviews.TalkReviewPage": CONTENT
    | {"kind", "talk_title", "podcast", "speakers", "event", "talk_date", "review_date"}
    | {"video_url", "audio_url", "details_url", "watch_if", "body", "takeaways", "transcript"},
    "reviews.EventNotesPage": CONTENT | {"event", "start_date", "end_date", "intro", "body"},
    "articles.ArticlePage": CONTENT | {"date", "body"},
    "home.AboutPage": BASE | {"body"},
}
META = {"type", "detail_url", "html_url", "slug", "first_published_at", "parent"}


def test_every_page_type_shows_exactly_its_listed_fields(client, demo_site):
    assert set(ALLOWED) == {model._meta.label for model in without_test_app(hub_page_models())}
    for label in ALLOWED:
        listing = client.get("/api/v2/pages/", {"type": label, "fields": "*"})
        assert listing.status_code == 200, listing.content
        items = listing.json()["items"]
        assert items, label
        for item in items:
            assert set(item) - {"meta"} == ALLOWED[label], label
            assert set(item["meta"]) <= META
        detail = client.get(f"/api/v2/pages/{items[0]['id']}/").json()
        assert set(detail) - {"meta"} == ALLOWED[label], label
        assert set(detail["meta"]) == META, label


def test_streamfields_are_structured_json(client, demo_site):
    guide = client.get("/api/v2/pages/", {"type": "guides.GuidePage", "fields": "body"}).json()["items"][0]
    section = guide["body"][0]
    assert section["type"] == "section" and {"title", "intro", "questions"} <= set(section["value"])
    review = client.get("/api/v2/pages/", {"type": "reviews.TalkReviewPage", "fields": "speakers,event"}).json()
    assert any(item["speakers"] and item["speakers"][0]["name"] for item in review["items"])


@pytest.mark.parametrize("field", ["seo_title", "show_in_menus", "listing_image_alt", "latest_revision", "owner"])
def test_fields_not_listed_are_refused(client, demo_site, field):
    response = client.get("/api/v2/pages/", {"type": "articles.ArticlePage", "fields": field})
    assert response.status_code == 400 and field in response.json()["message"]


def test_drafts_and_private_pages_are_absent(client, home_page):
    public = factories.article(home_page, title="Public article")
    private = factories.article(home_page, title="Private article")
    factories.make_private(private)
    draft = factories.draft(factories.article_index(home_page), ArticlePage(title="Draft article", body=[]))
    listed = {item["id"] for item in client.get("/api/v2/pages/", {"limit": 50}).json()["items"]}
    assert public.pk in listed and not {private.pk, draft.pk} & listed
    for page in (private, draft):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get("/api/v2/pages/find/", {"html_path": page.url_path}).status_code == 404
    found = client.get("/api/v2/pages/", {"search": "article"}).json()["items"]
    assert public.pk in {item["id"] for item in found} and not {private.pk, draft.pk} & {i["id"] for i in found}
    # The root of the page tree is not a hub page.
    assert client.get(f"/api/v2/pages/{Page.get_first_root_node().pk}/").status_code == 404


def test_search(client, demo_site):
    response = client.get("/api/v2/pages/", {"search": "Testing", "type": "guides.GuidePage"})
    assert response.status_code == 200
    assert "Testing" in [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "query, message",
    [
        ({"order": "nonexistent"}, "cannot order by 'nonexistent'"),
        ({"order": "random", "offset": "2"}, "random ordering with offset"),
        ({"child_of": "abc"}, "child_of must be a positive integer"),
        ({"descendant_of": "999999"}, "ancestor page doesn't exist"),
        ({"limit": "x"}, "limit must be a positive integer"),
        ({"limit": "1000"}, "limit cannot be higher than"),
        ({"offset": "-1"}, "offset must be a positive integer"),
        ({"offset": "x"}, "offset must be a positive integer"),
        ({"offset": "1.5"}, "offset must be a positive integer"),
        ({"offset": "1000001"}, "offset cannot be higher than 1000000"),
        ({"offset": str(2**63)}, "offset cannot be higher than 1000000"),
        ({"offset": "9" * 100}, "offset cannot be higher than 1000000"),
        ({"limit": "-5"}, "limit must be a positive integer"),
        ({"limit": str(2**63)}, "limit cannot be higher than"),
        ({"limit": "9" * 100}, "limit cannot be higher than"),
        ({"type": "nope.Nope"}, "type doesn't exist"),
        ({"search": "django", "search_operator": "xor"}, "search_operator must be 'and' or 'or'"),
        ({"search": "dja\x00ngo"}, "NUL"),
        ({"html_path": "/a\x00b/"}, "NUL"),
        ({"site": "1"}, "site"),
        ({"unknown": "1"}, "unknown"),
        ({"fields": "title,-"}, ""),
    ],
)
def test_bad_filters_and_orderings_are_400_with_a_message(client, home_page, query, message):
    factories.article(home_page)
    path = "/api/v2/pages/find/" if "html_path" in query else "/api/v2/pages/"
    response = client.get(path, query)
    assert response.status_code == 400, response.content
    assert message in response.json()["message"]


def test_unknown_formats_are_404_not_500(client, home_page):
    assert client.get("/api/v2/pages/", {"format": "xml"}).status_code == 404
    assert client.get("/api/v2/pages/", {"format": "api"}).status_code == 404
    assert client.get("/api/v2/nothing/").status_code == 404
    assert client.get("/api/v2/pages/abc/").status_code == 404


def test_anonymous_clients_are_throttled(client, home_page, settings):
    settings.API_ANON_RATE = "3/minute"
    responses = [client.get("/api/v2/pages/") for _ in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert int(responses[-1]["Retry-After"]) > 0


def test_a_forged_forwarded_address_does_not_escape_the_throttle(client, home_page, settings):
    settings.API_ANON_RATE = "2/minute"
    # The test client's peer (127.0.0.1) is no trusted proxy here: X-Forwarded-For is the client's own words.
    settings.FORWARDED_ALLOW_IPS = ["10.99.0.1"]
    statuses = [client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_responses_are_cacheable_and_purged_on_publish(client, home_page, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/api/v2/pages/")
    assert first["Cache-Control"] == "public, max-age=60" and first["X-Page-Cache"] == "miss"
    assert client.get("/api/v2/pages/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.article(home_page, title="Fresh article")
    fresh = client.get("/api/v2/pages/")
    assert fresh["X-Page-Cache"] == "miss" and page.pk in {item["id"] for item in fresh.json()["items"]}


def test_documents_in_private_collections_are_absent(client, home_page):
    from django.core.files.base import ContentFile

    root = Collection.get_first_root_node()
    private = root.add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document_model = get_document_model()
    public_doc = document_model.objects.create(title="Public", file=ContentFile(b"a", name="public.txt"))
    hidden = document_model.objects.create(
        title="Hidden", file=ContentFile(b"b", name="hidden.txt"), collection=private
    )
    listed = {item["id"] for item in client.get("/api/v2/documents/").json()["items"]}
    assert public_doc.pk in listed and hidden.pk not in listed
    assert client.get(f"/api/v2/documents/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("offset", ["1000001", str(2**63), "9" * 30])
def test_media_endpoints_refuse_offsets_past_what_they_serve(client, home_page, endpoint, offset):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": offset})
    assert response.status_code == 400 and "offset cannot be higher than" in response.json()["message"]


def test_image_and_document_search_leaves_out_private_collections_for_everyone(client, home_page, django_user_model):
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    from tests.services import jpeg_bytes

    root = Collection.get_first_root_node()
    private = root.add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    inner = private.add_child(name="Inner")  # restricted by the collection it is in
    image_model, document_model = get_image_model(), get_document_model()
    for title, collection in (("Report public", root), ("Report private", private), ("Report inner", inner)):
        image_model.objects.create(
            title=title, file=SimpleUploadedFile("r.jpg", jpeg_bytes()), width=64, height=48, collection=collection
        )
        document_model.objects.create(title=title, file=ContentFile(b"a", name="r.txt"), collection=collection)
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "a-long-passphrase")
    for logged_in in (False, True):
        if logged_in:
            client.force_login(user)
        for endpoint in ("images", "documents"):
            for params in ({"search": "report"}, {}):
                response = client.get(f"/api/v2/{endpoint}/", params)
                assert response.status_code == 200, (endpoint, params, logged_in, response.content)
                assert [item["title"] for item in response.json()["items"]] == ["Report public"], (endpoint, params)


def test_images_are_listed(client, demo_site):
    items = client.get("/api/v2/images/", {"fields": "*"}).json()["items"]
    assert items and set(items[0]) - {"meta"} == {"id", "title", "width", "height"}


def _queries(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_query_budget_constant_in_size(client, home_page):
    counts = []
    for n in (1, 30):
        for i in range(n if n == 1 else n - 1):
            factories.article(home_page, title=f"Article {n}-{i}", topics=[])
        listing = _queries(client, "/api/v2/pages/", {"type": "articles.ArticlePage", "limit": 50})
        detail = _queries(client, f"/api/v2/pages/{ArticlePage.objects.first().pk}/", {})
        counts.append((listing, detail))
    print(f"API queries (listing, detail) at 1 and 30 articles: {counts}")
    assert counts[0] == counts[1] and max(counts[0]) <= 10, counts


@pytest.mark.parametrize(
    "method,url,status",
    [
        ("get", "/api/v2/pages/abc/", 404),
        ("get", "/api/v2/pages/999999/", 404),
        ("get", "/api/v2/images/abc/", 404),
        ("get", "/api/v2/nothing-here/", 404),
        ("get", "/api/v2/pages/?offset=abc", 400),
        ("get", "/api/v2/pages/?unknown=1", 400),
        ("post", "/api/v2/pages/", 405),
        ("delete", "/api/v2/pages/", 405),
    ],
)
def test_every_api_error_is_json_with_a_message(client, home_page, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["message"] and body["message"]
