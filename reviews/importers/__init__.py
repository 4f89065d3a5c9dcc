"""Parsers for files editors bring from elsewhere: Hugo-style event notes and talk transcripts.

They read and check a whole file before anything is written, and report a problem as
`SourceError` carrying the file and line, which the management commands print as `FILE:LINE: …`.
The pieces every markdown importer shares live in `core.markdown.reading`.
"""

from core.markdown.reading import SourceError, read_text

__all__ = ["SourceError", "read_text"]
