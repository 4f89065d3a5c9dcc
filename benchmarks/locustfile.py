"""Visitors for the load test (benchmarks/load.py): browse pages from the sitemap, and search."""

import random
import re

from locust import HttpUser, between, task

SEARCHES = ["django", "migration", "review the tests", "postgres index", "cache", "accessibility heading", "deploy"]
_urls = []


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        if not _urls:
            sitemap = self.client.get("/sitemap.xml", name="/sitemap.xml").text
            # Paths only: the sitemap names the site's configured host, the load goes to this server.
            _urls.extend(re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap))

    @task(5)
    def browse(self):
        self.client.get(random.choice(_urls or ["/"]), name="page")

    @task(1)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(SEARCHES)}, name="/search/")
