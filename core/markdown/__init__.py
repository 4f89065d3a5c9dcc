"""Markdown into the hub: `reading` holds what every importer shares (front matter, FILE:LINE errors,
markdown-it syntax → the HTML Wagtail rich text stores); each app maps the result onto its blocks.
Writing pages as Markdown is `portability`'s (`portability/writer.py`)."""
