"""Serve the built demo site on 127.0.0.1 (static files, correct MIME types for .wasm/.mjs).

usage: python tools/site_serve.py build/site [--port 8000]   (--port 0: any free port)

Only the loopback address, never a public one, and only files under the site: a request whose
path leaves it (``..`` or ``.`` segments, encoded or not, backslashes, NUL, anything but an
origin-form path, a symlink resolving outside) gets 403; there are no directory listings.
"""

import argparse
import functools
import http.server
import os
import sys
import urllib.parse
from http import HTTPStatus
from typing import ClassVar

HOST = "127.0.0.1"

MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".ipynb": "application/json",
    ".svg": "image/svg+xml",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME,
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        # The package index (simple/: pages and wheels) may be read by a page of another origin,
        # e.g. a developer's own PyScript page on another port naming `fastmath-wasm`.
        if self.path.startswith("/simple/"):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def site_file(self, target: str) -> str | None:
        """The real path a request target names inside the site, or None when it is not inside.

        The stdlib's translate_path drops ``..`` segments silently and follows symlinks anywhere;
        here such a request is refused outright instead of being reinterpreted."""
        if not target.startswith("/") or target.startswith("//"):
            return None  # absolute-form, authority-form, '*' or a network-path reference
        path = target.split("?", 1)[0].split("#", 1)[0]
        try:
            text = urllib.parse.unquote(path, errors="strict")
        except UnicodeDecodeError:
            return None
        segments = text.split("/")[1:]
        if any(s in (".", "..") or "\\" in s or "\0" in s for s in segments):
            return None
        root = os.path.realpath(self.directory)
        real = os.path.realpath(os.path.join(root, *segments))
        if real != root and not real.startswith(root + os.sep):
            return None  # a symlink pointing outside the site
        return real + "/" if text.endswith("/") and real != root else real

    def translate_path(self, path):
        real = self.site_file(path)
        if real is None:  # send_head refuses these before asking
            raise PermissionError(path)
        return real

    def send_head(self):
        if self.site_file(self.path) is None:
            self.send_error(HTTPStatus.FORBIDDEN, "outside the site")
            return None
        return super().send_head()

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "no directory listings")
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.site)
    with http.server.ThreadingHTTPServer((HOST, args.port), handler) as server:
        port = server.server_address[1]
        base = f"http://{HOST}:{port}"
        print(f"fastmath demo site ({args.site}) on {base}/", flush=True)
        print(f"  JupyterLite notebook: {base}/lite/lab/index.html?path=fastmath-demo.ipynb")
        print(f"  JupyterLite REPL:     {base}/lite/repl/index.html?kernel=python&toolbar=1")
        print(f"  PyScript page:        {base}/pyscript/index.html")
        print("Ctrl-C stops the server.", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
