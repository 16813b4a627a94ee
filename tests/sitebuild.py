"""Build the site for tests, and serve a built site on a loopback port."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

from atlas.records import PROJECT_ROOT

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(data_dir: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site quietly; the `LinkChecker` response header lifts linkchecker's per-host
    throttle (0.1–0.6 s between requests), which a local server does not need."""

    def end_headers(self):
        self.send_header("LinkChecker", "local")
        super().end_headers()

    def log_message(self, *args):
        pass


def serve_site(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve directory on 127.0.0.1 (a free port) from a background thread; call .shutdown() when done."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
