"""Build the site for tests, and serve a built site on a loopback port."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
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


LINKCHECKER = Path(sys.executable).parent / "linkchecker"
LINKCHECK_CONFIG = Path(__file__).parent / "linkcheck" / "linkcheckerrc"


class LinkCheck:
    """linkchecker over HTTP (so #anchors are checked), started in the background so that it runs
    on the second core while other tests run; result() waits for it. It checks a world-readable
    copy of the site: run as root, linkchecker drops privileges to `nobody`, which cannot read
    private temporary folders."""

    def __init__(self, site: Path):
        self._folder = Path(tempfile.mkdtemp(prefix="atlas-linkcheck-"))
        os.chmod(self._folder, 0o755)
        copy = self._folder / "site"
        shutil.copytree(site, copy)
        for path in [copy, *copy.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        self._server = serve_site(copy)
        url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._process = subprocess.Popen(
            [str(LINKCHECKER), "-f", str(LINKCHECK_CONFIG), "--no-status", "-o", "text", url],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self._result: subprocess.CompletedProcess | None = None

    def result(self, timeout: float = 900) -> subprocess.CompletedProcess:
        if self._result is None:
            try:
                stdout, stderr = self._process.communicate(timeout=timeout)
            finally:
                self._server.shutdown()
                shutil.rmtree(self._folder, ignore_errors=True)
            self._result = subprocess.CompletedProcess(self._process.args, self._process.returncode, stdout, stderr)
        return self._result
