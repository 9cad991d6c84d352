"""The built site served over HTTP on 127.0.0.1, as a host would serve it: plainly, or
gzipped for clients that accept it. For the browser tests and the Lighthouse bench."""
from __future__ import annotations

import functools
import gzip
import io
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(SimpleHTTPRequestHandler):
    compress = False
    _cache: dict = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self._cache.get(path)
        if body is None:
            body = self._cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_site(site: Path, compress: bool = False):
    """Yields the base URL ('http://127.0.0.1:PORT/') of `site`, served until the block ends."""
    handler = type("Handler", (_Handler,), {"compress": compress, "_cache": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
