"""Progress of a long build on a terminal: files done, documents, rate, time left.

One status line, redrawn in place at most a few times a second, on the
stream given (stderr) and only if it is a terminal: a build whose output goes
to a log or a pipe, or that runs with ``--quiet``, prints no progress.  The
time left is estimated from bytes, not files: sizes vary a hundredfold in a
real corpus, and the builder starts the largest files first.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_EVERY = 0.2  # seconds


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    """Counts what the builder reports and, on a terminal, shows it."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.clock = clock
        self.total_files = self.total_bytes = 0
        self.files = self.bytes = self.items = self.warnings = self.errors = 0
        self._started = self._drawn = 0.0
        self._width = 0

    def start(self, files: int, size: int) -> None:
        self.total_files, self.total_bytes = files, size
        self._started = self.clock()

    def advance(self, size: int, items: int, warnings: int, failed: bool) -> None:
        self.files += 1
        self.bytes += size
        self.items += items
        self.warnings += warnings
        self.errors += failed
        now = self.clock()
        if self.enabled and (now - self._drawn >= REDRAW_EVERY or self.files == self.total_files):
            self._draw(self.line(now))
            self._drawn = now

    def line(self, now: float | None = None) -> str:
        """The status line: '[ 120/2197 files] 131 documents, 2 errors, 14.2 files/s, 0.21 MB/s, 2m31s left'."""
        now = self.clock() if now is None else now
        elapsed = max(now - self._started, 1e-9)
        width = len(str(self.total_files))
        parts = [f"[{self.files:>{width}}/{self.total_files} files] {self.items} documents"]
        if self.errors:
            parts.append(f"{self.errors} errors")
        parts.append(f"{self.files / elapsed:.1f} files/s")
        parts.append(f"{self.bytes / elapsed / 1e6:.2f} MB/s")
        if 0 < self.bytes < self.total_bytes:
            parts.append(f"{_duration((self.total_bytes - self.bytes) * elapsed / self.bytes)} left")
        return ", ".join(parts)

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def finish(self) -> None:
        """Clear the status line (the caller prints its summary in its place)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
