"""Serve the built demo site on 127.0.0.1 (static files, correct MIME types for .wasm/.mjs).

usage: python tools/site_serve.py build/site [--port 8000]
"""

import argparse
import functools
import http.server
import sys
from typing import ClassVar

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
        super().end_headers()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.site)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        port = server.server_address[1]
        base = f"http://127.0.0.1:{port}"
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
