"""Secure defaults: deploy checks, security headers, the Content Security Policy and login lockout."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.conftest import parse
from tests.factories import article
from tests.services import PRODUCTION_ENV, ROOT, settings_in_subprocess

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_check_deploy_passes_with_zero_warnings_in_a_realistic_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DATABASE_URL", "REDIS_URL", "DEBUG"))}
    env.update(
        PRODUCTION_ENV,
        DJANGO_SETTINGS_MODULE="hubsite.settings.production",
        DATABASE_URL="postgres://hub:secret@db.internal:5432/hub",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_URL="smtp+tls://hub:secret@smtp.example.com:587",
        AWS_STORAGE_BUCKET_NAME="hub-media",
        AWS_S3_CUSTOM_DOMAIN="media.hub.example.com",
    )
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_production_settings_are_secure_by_default():
    values = settings_in_subprocess(
        "{k: getattr(settings, k) for k in ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
        "'SECURE_REFERRER_POLICY', 'SECURE_CROSS_ORIGIN_OPENER_POLICY', 'SECURE_PROXY_SSL_HEADER', 'DEBUG', "
        "'PAGE_CACHE_SECONDS', 'WAGTAILDOCS_SERVE_METHOD', 'WAGTAIL_PRIVATE_PAGE_OPTIONS']} | "
        "{'static': settings.STORAGES['staticfiles']['BACKEND'], 'csp': settings.CONTENT_SECURITY_POLICY}",
        **PRODUCTION_ENV,
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["DEBUG"] is False
    assert values["PAGE_CACHE_SECONDS"] > 0
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    assert values["WAGTAIL_PRIVATE_PAGE_OPTIONS"] == {"SHARED_PASSWORD": False}
    assert values["csp"]["DIRECTIVES"]["upgrade-insecure-requests"] is True


def test_public_pages_send_a_strict_content_security_policy_and_security_headers(client, home_page):
    response = client.get("/")
    csp = policy(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def public_urls():
    urls = ["/search/", "/search/?q=django", "/no-such-page/"]
    urls += [page.url for page in Page.objects.live().public().specific() if page.url]
    return urls


def test_public_pages_need_no_inline_script_or_style_and_nothing_from_another_origin(client, settings, demo_site):
    for url in public_urls():
        response = client.get(url)
        html = parse(response)
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (url, str(script)[:200])
            assert not script.get("src", "").startswith(("http:", "https:", "//")), url
        assert not html.find_all("style"), url
        assert not html.select("[style]"), (url, [str(tag)[:120] for tag in html.select("[style]")])
        assert not [tag for tag in html.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)], url
        for link in html.select("link[rel~=stylesheet], link[rel~=preload], link[rel~=icon]"):
            assert link["href"].startswith("/"), (url, link["href"])
        for img in html.find_all("img"):
            assert img["src"].startswith("/"), (url, img["src"])


def test_the_admin_gets_its_own_policy_that_still_allows_its_inline_code(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


def test_the_preview_panel_can_frame_page_previews(admin_client, home_page):
    page = article(home_page, title="Previewed")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert preview.status_code == 200
    assert b"Previewed" in preview.content
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    # The panel's iframe: same-origin framing allowed by both headers.
    panel = admin_client.get(url, {"mode": ""})
    assert panel.status_code == 200
    assert panel["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(panel)["frame-ancestors"] == ["'self'"]


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))
    return client


@pytest.fixture
def lockout(settings):
    """django-axes as production runs it (tests otherwise log in without a request)."""
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.AXES_FAILURE_LIMIT = 3
    # The test client's address: it plays the proxy.
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]


def admin_login(client, password, forwarded_for):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_repeated_failed_admin_logins_lock_the_client_out(lockout, client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password")
    for _ in range(2):
        assert admin_login(client, "wrong", "203.0.113.7").status_code == 200  # the form again, with an error
    assert admin_login(client, "wrong", "203.0.113.7").status_code == 429  # the third failure locks
    locked = admin_login(client, "right-password", "203.0.113.7")
    assert locked.status_code == 429
    # Writing a fake address in front of the proxy's does not get round the lockout.
    assert admin_login(client, "right-password", "198.51.100.1, 203.0.113.7").status_code == 429
    # Another client (as the proxy reports it) can still log in.
    assert admin_login(client, "right-password", "198.51.100.99").status_code == 302


def test_a_client_reaching_the_app_directly_cannot_rotate_x_forwarded_for_past_the_lockout(
    lockout, client, settings, django_user_model
):
    """From a peer that is not a listed proxy, X-Forwarded-For is the client's own writing: ignored."""
    settings.AXES_FAILURE_LIMIT = 5  # the default
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password")

    def attempt(number):
        return client.post(
            reverse("wagtailadmin_login"),
            {"username": "editor", "password": "wrong"},
            headers={"X-Forwarded-For": f"198.51.100.{number}"},
            REMOTE_ADDR="192.0.2.50",
        )

    for number in range(1, 5):
        assert attempt(number).status_code == 200, number
    assert attempt(5).status_code == 429  # the fifth failure locks, whatever the header said


def test_client_ip_believes_forwarded_addresses_only_from_listed_proxies(rf, settings):
    from operations.security import client_ip

    request = rf.get("/", headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.7, 192.0.2.1"}, REMOTE_ADDR="192.0.2.2")
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]
    assert client_ip(request) == "192.0.2.2"  # the peer is no proxy: the header is ignored
    settings.FORWARDED_ALLOW_IPS = ["192.0.2.2"]
    assert client_ip(request) == "192.0.2.1"  # the right-most address the proxy did not write itself
    settings.FORWARDED_ALLOW_IPS = ["192.0.2.0/24"]
    assert client_ip(request) == "203.0.113.7"  # a chain of listed proxies, skipped
    settings.FORWARDED_ALLOW_IPS = ["*"]
    assert client_ip(request) == "192.0.2.1"  # any peer, one hop
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.2")) == "192.0.2.2"


def test_a_nonsense_forwarded_allow_ips_entry_is_a_system_check_warning(settings):
    from operations.checks import check_forwarded_allow_ips

    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1", "10.0.0.0/8", "*", "load-balancer"]
    warnings = check_forwarded_allow_ips()
    assert [warning.id for warning in warnings] == ["operations.W001"]
    assert "'load-balancer'" in warnings[0].msg
