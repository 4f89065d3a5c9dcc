from django.urls import path, re_path

from . import views

# Path segments as Wagtail's own page URLs allow them (slugs), so odd bytes never reach a query.
SEGMENTS = r"(?:[-\w]+/)*[-\w]+"

urlpatterns = [
    path("llms.txt", views.llms_txt, name="llms-txt"),
    path("index.html.md", views.page_as_markdown, name="page-markdown-root"),
    re_path(rf"^(?P<path>{SEGMENTS})/index\.html\.md$", views.page_as_markdown, name="page-markdown-index"),
    re_path(rf"^(?P<path>{SEGMENTS})\.md$", views.page_as_markdown, name="page-markdown"),
]
