"""Importers for files editors bring from elsewhere: Hugo-style event notes and talk transcripts.

Each reads and checks a whole file before anything is written, and reports a problem as
`SourceError` carrying the file and line, which the management commands print as `FILE:LINE: …`;
then it writes the page in one transaction. The pieces every markdown importer shares live in
`core.markdown.reading`; how pages are saved (as whom, draft, submitted or published, created or
updated) in `core.importing`.
"""

from core.markdown.reading import SourceError, read_text

__all__ = ["SourceError", "read_text"]
