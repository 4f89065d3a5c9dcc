"""The public address of shared drafts (mounted at /share/ before Wagtail's page URLs)."""

from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [path("<str:token>/", views.view_shared_draft, name="view")]
