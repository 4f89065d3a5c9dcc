import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.views import robots_txt
from operations.views import healthz, media
from search import views as search_views
from topics.feeds import LatestAtomFeed, LatestRssFeed

# Feeds and the sitemap: any cache may keep them a minute at most (the page cache and a front cache are
# purged on publish; a feed reader's proxy is not).
briefly = cache_control(public=True, max_age=settings.FEED_CACHE_SECONDS)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggestions, name="search-suggestions"),
    # Shared drafts for reviewers without an account (sharing/); must come before Wagtail's pages.
    path("share/", include("sharing.urls")),
    # Read-only JSON API (api/) and pages as Markdown, /llms.txt (portability/); before Wagtail's pages.
    path("api/v2/", include("api.urls")),
    path("", include("portability.urls")),
    path("sitemap.xml", briefly(sitemap), name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz/", healthz, name="healthz"),
    path("feeds/rss.xml", briefly(LatestRssFeed()), name="feed-rss"),
    path("feeds/atom.xml", briefly(LatestAtomFeed()), name="feed-atom"),
    path("feeds/topics/<slug:slug>/rss.xml", briefly(LatestRssFeed()), name="topic-feed-rss"),
    path("feeds/topics/<slug:slug>/atom.xml", briefly(LatestAtomFeed()), name="topic-feed-atom"),
]

if settings.MEDIA_URL.startswith("/"):
    # Local media (no S3 bucket): served by the app when SERVE_MEDIA is on (or in DEBUG), documents excepted.
    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media, name="media")]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# A database outage gets a friendly 503 page; any other error the 500 page (both DB-free).
handler500 = "operations.views.server_error"
# The 404 page carries the site's sections, and still renders when the database is down.
handler404 = "core.views.page_not_found"

# Wagtail serves every other URL from the page tree; keep this last.
urlpatterns += [path("", include(wagtail_urls))]
