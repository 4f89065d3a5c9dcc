"""One way of writing a date for readers: cards, pages and search results all use `reading_date`."""

import datetime
import re
from pathlib import Path

from core.templatetags.hub_tags import reading_date

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_a_date_reads_month_day_year_without_a_leading_zero():
    assert reading_date(datetime.date(2026, 12, 7)) == "December 7, 2026"
    assert reading_date(None) == ""


def test_no_template_writes_a_date_for_readers_its_own_way():
    # Machine-readable `datetime` attributes (Y-m-d) and times of day are not dates for reading.
    own_way = re.compile(r'\|date:"(?![^"]*H:i)[^"]*"')
    offenders = [str(path) for path in TEMPLATES.rglob("*.html") if own_way.search(path.read_text())]
    assert offenders == []
