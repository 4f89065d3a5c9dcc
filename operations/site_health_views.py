"""The admin's Reports → Site health (/admin/reports/site-health/): filterable, exported as CSV or XLSX."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from operations.moderation import EDITORS, MODERATORS
from operations.site_health import KINDS, site_health_problems


def may_see_site_health(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name__in=[EDITORS, MODERATORS]).exists())


class SiteHealthFilterSet(WagtailFilterSet):
    """Filters the report's rows (a list, not a queryset) by kind of problem and by page type."""

    problem = django_filters.ChoiceFilter(
        label="Problem", choices=[(kind, kind) for kind in KINDS], method="rows_with", empty_label="Any problem"
    )
    page_type = django_filters.CharFilter(label="Page type contains", method="rows_with")

    class Meta:
        model = Page
        fields = []

    def rows_with(self, rows, name, value):
        if name == "page_type":
            return [row for row in rows if value.lower() in row.page_type.lower()]
        return [row for row in rows if getattr(row, name) == value]

    def filter_queryset(self, rows):
        # django-filter insists on querysets; the report's rows are a list built in a few queries.
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows


class SiteHealthReportView(ReportView):
    page_title = "Site health"
    header_icon = "warning"
    index_url_name = "site_health"
    index_results_url_name = "site_health_results"
    filterset_class = SiteHealthFilterSet
    paginate_by = 100
    list_export = ["title", "page_type", "problem", "detail", "edit_url"]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "problem": "Problem",
        "detail": "Details",
        "edit_url": "Edit",
    }
    columns = [
        TitleColumn("title", label="Page", get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page_id])),
        Column("page_type", label="Type"),
        Column("problem", label="Problem"),
        Column("detail", label="Details"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_site_health(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        rows = site_health_problems()
        for row in rows:
            row.edit_url = self.request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=[row.page_id]))
        return rows
