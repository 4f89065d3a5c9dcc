"""Lighthouse 12 (mobile) on the production server: 100 for accessibility, best practices and SEO on every
public page type (search is noindex by design, so its SEO is not scored). Performance is reported by `make bench`."""

import os

import pytest

from benchmarks import lighthouse

pytestmark = pytest.mark.lighthouse
CATEGORIES = ("accessibility", "best-practices", "seo")


def test_every_public_page_type_scores_100_for_accessibility_best_practices_and_seo():
    if not lighthouse.installed():
        reason = "Lighthouse is not installed: npm i -E --prefix .lighthouse lighthouse@12.2.3"
        if os.environ.get("HUBSITE_REQUIRE_LIGHTHOUSE") == "1":
            pytest.fail(f"HUBSITE_REQUIRE_LIGHTHOUSE=1 and {reason}", pytrace=False)
        pytest.skip(reason)
    results = lighthouse.run(CATEGORIES, log=lambda line: None)
    assert "HomePage" in results and "search results" in results
    below = {
        name: scores
        for name, scores in results.items()
        if any(scores[c] < 100 for c in CATEGORIES if not (c == "seo" and name in lighthouse.NOINDEX))
    }
    assert below == {}
