"""Scale-out, proven: two gunicorn instances sharing one PostgreSQL, one Redis and one S3 server.

The servers share a PostgreSQL copy of the demo site (tests/services.py, `deployment`), Redis (the
test run's db, under a key prefix of its own) and a bucket on moto's server.
"""

import re

import psycopg
import pytest
import requests
from bs4 import BeautifulSoup

from tests.services import (
    admin_session,
    form_fields,
    free_port,
    jpeg_bytes,
    start_server,
    stop_server,
    wait_until_healthy,
)

ARTICLE = "/articles/meeting-django-contributors/"


@pytest.fixture
def two_servers(deployment, tmp_path):
    env, manage = deployment
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp_path / f"{name}.log"
            servers.append((f"http://127.0.0.1:{port}", start_server(env, port, log), log))
        for base, process, log in servers:
            wait_until_healthy(base, process, log)
        yield servers[0][0], servers[1][0], manage, env["DATABASE_URL"]
    finally:
        for _base, process, _log in servers:
            stop_server(process)


def test_two_app_servers_share_database_cache_and_media(two_servers):
    a, b, manage, database_url = two_servers

    # B serves the article and caches it (in the shared Redis).
    assert requests.get(f"{b}{ARTICLE}", timeout=10).status_code == 200
    cached = requests.get(f"{b}{ARTICLE}", timeout=10)
    assert cached.headers["X-Page-Cache"] == "hit"
    assert "Connecting with Django contributors" in cached.text

    # An editor uploads an image through A's admin; it goes to the shared bucket.
    editor = admin_session(a)
    add = editor.get(f"{a}/admin/images/add/", timeout=10)
    csrf = form_fields(add.text, "form[enctype='multipart/form-data']")["csrfmiddlewaretoken"]
    upload = editor.post(
        f"{a}/admin/images/add/",
        data={"csrfmiddlewaretoken": csrf, "title": "Uploaded through A"},
        files={"file": ("a.jpg", jpeg_bytes(), "image/jpeg")},
        allow_redirects=False,
        timeout=20,
    )
    assert upload.status_code == 302, upload.text[:2000]

    # A change is published by another process on the same database and Redis (a command run
    # on A's machine); it adds the uploaded image to the article.
    manage(
        "shell",
        "-c",
        "from wagtail.images import get_image_model; from articles.models import ArticlePage; "
        f"page = ArticlePage.objects.get(url_path='/home{ARTICLE}'); "
        "image = get_image_model().objects.get(title='Uploaded through A'); "
        "page.title = 'Meeting contributors, updated'; "
        "page.body.append(('image', {'image': image, 'alt_text': 'Uploaded through A', 'decorative': False, "
        "'caption': ''})); page.save_revision().publish()",
    )

    # B serves the new version at once: the purge reached the shared cache.
    fresh = requests.get(f"{b}{ARTICLE}", timeout=10)
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert "Meeting contributors, updated" in fresh.text
    img = BeautifulSoup(fresh.text, "html.parser").find("img", alt="Uploaded through A")
    assert img is not None
    picture = requests.get(img["src"], timeout=10)  # a rendition B made from A's upload, in S3
    assert picture.status_code == 200
    assert picture.content[:2] == b"\xff\xd8"

    # Unpublishing through A's admin takes the page off B too.
    with psycopg.connect(database_url) as conn:
        page_id = conn.execute("SELECT id FROM wagtailcore_page WHERE url_path = %s", [f"/home{ARTICLE}"]).fetchone()[0]
    confirm = editor.get(f"{a}/admin/pages/{page_id}/unpublish/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text).group(1)
    done = editor.post(
        f"{a}/admin/pages/{page_id}/unpublish/", data={"csrfmiddlewaretoken": token}, allow_redirects=False, timeout=10
    )
    assert done.status_code == 302, done.text[:1000]
    assert requests.get(f"{b}{ARTICLE}", timeout=10).status_code == 404
    assert ARTICLE not in requests.get(f"{b}/articles/", timeout=10).text
