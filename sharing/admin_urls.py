"""The editor's share-link views, inside the Wagtail admin (registered in wagtail_hooks.py)."""

from django.urls import path

from . import views

app_name = "sharing_admin"
urlpatterns = [
    path("pages/<int:page_id>/", views.PageShareLinksView.as_view(), name="page_links"),
    path("links/<int:pk>/revoke/", views.RevokeLinkView.as_view(), name="revoke"),
]
