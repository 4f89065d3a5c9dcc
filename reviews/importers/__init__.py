"""Parsers for files editors bring from elsewhere: Hugo-style event notes and talk transcripts.

They read and check a whole file before anything is written, and report a problem as
`SourceError` carrying the file and line, which the management commands print as `FILE:LINE: …`.
"""

from pathlib import Path


class SourceError(ValueError):
    """A problem in an input file, located by file name and (when known) line number."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def read_text(path):
    """The file's text as UTF-8, refusing missing files and binary data with the line it starts on."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, None, "no such file") from None
    except IsADirectoryError:
        raise SourceError(path, None, "is a directory, not a file") from None
    except OSError as error:
        raise SourceError(path, None, f"cannot be read ({error.strerror})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul != -1:
        raise SourceError(path, data.count(b"\n", 0, nul) + 1, "binary data (a NUL byte), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(path, line, "not UTF-8 text (binary data or another encoding)") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
