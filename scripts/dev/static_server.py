"""Serve a built site on 127.0.0.1 for the browser tests, `make screenshots` and `make bench`.

The standard library's server is enough for static files, but it sends every file
uncompressed, while a real host (GitHub Pages, any CDN) gzips text. Lighthouse scores the bytes
on the wire, so ``compress=True`` gzips text responses the way such a host does; no package does
that for ``http.server``, hence the few lines here.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

# What a host compresses: text. Images other than SVG, and fonts (WOFF2 is compressed), are not.
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@contextmanager
def serve(
    directory: Path,
    *,
    compress: bool = False,
    handler: type[http.server.SimpleHTTPRequestHandler] | None = None,
) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a random free port); yields the base URL.

    ``handler``: the caller's own request handler instead (a test that paces a response)."""
    handler_class = handler or (_GzipHandler if compress else _QuietHandler)
    server = _Server(("127.0.0.1", 0), functools.partial(handler_class, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser leaving a page drops its open requests: no fault of the server, and a
        # traceback per dropped request would bury `make bench`'s table.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".json": "application/json",
        ".ipynb": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Like a static host: files may be cached but must be revalidated.
        self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()


class _GzipHandler(_QuietHandler):
    """Gzips text responses for clients that accept it, with the length of what is sent."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stock redirect to the trailing slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(str(path))
        if not (accepts and path.is_file() and kind.startswith(_COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)
