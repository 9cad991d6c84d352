"""A real HTTP server on 127.0.0.1 with one path per kind of answer, for the link
checker's tests and benchmark. Paths: /ok 200, /moved 301 to /ok, /gone 404,
/error 500, /slow (answers after `slow_seconds`), /no-head (405 to HEAD, 200 to GET).
A query string is ignored, so many distinct URLs can share one answer."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUS = {"/ok": 200, "/moved": 301, "/gone": 404, "/error": 500, "/slow": 200, "/no-head": 200}


@contextmanager
def serve(slow_seconds: float = 1.5):
    """Yields (base URL, list of paths requested so far)."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            hits.append(self.path)
            path = self.path.split("?")[0]
            if path == "/slow":
                time.sleep(slow_seconds)
            status = 405 if path == "/no-head" and self.command == "HEAD" else STATUS[path]
            self.send_response(status)
            if status == 301:
                self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD = _answer

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128  # the default 5 drops connections under concurrent checks

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
