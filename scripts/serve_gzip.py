"""A static file server for measurements that compresses text like production hosts (e.g. GitHub Pages) do.

Usage: python scripts/serve_gzip.py SITE_DIR PORT
"""

import functools
import gzip
import http.server
import io
import os
import sys

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(COMPRESSIBLE) or "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
            return super().send_head()  # directories without a slash, other types, missing files
        with open(path, "rb") as handle:
            body = gzip.compress(handle.read(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    site, port = sys.argv[1], int(sys.argv[2])
    handler = functools.partial(GzipHandler, directory=site)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
