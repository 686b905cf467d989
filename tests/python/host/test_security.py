"""Security properties of what fastmath ships and serves (host only).

- tools/site_serve.py (``make demo-site``) listens on the loopback address only and serves nothing
  outside the site: traversal in every spelling gets 403 or 404, never a file's bytes.
- The package evaluates no string that user data could reach: the only code evaluation is of its
  own package files (``runtime.js`` through ``run_js``, the wasm-bindgen glue through
  ``new Function``), and that list is pinned here so that a new one is reviewed.
"""

import errno
import http.client
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SERVE = ROOT / "tools" / "site_serve.py"
PACKAGE = ROOT / "pyodide-package" / "fastmath"

SECRET = b"secret outside the site\n"
PAGE = b"<!doctype html><title>site</title>\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """site_serve.py on a free port, serving a small site with symlinks in and out of it."""
    base = tmp_path_factory.mktemp("serve")
    (base / "secret.txt").write_bytes(SECRET)
    (base / "site-sibling").mkdir()
    (base / "site-sibling" / "secret.txt").write_bytes(SECRET)
    site = base / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_bytes(PAGE)
    (site / "sub" / "a.txt").write_bytes(b"a\n")
    (site / "simple").mkdir()
    (site / "simple" / "index.html").write_bytes(PAGE)
    (site / "link-inside.txt").symlink_to(site / "sub" / "a.txt")
    (site / "link-outside.txt").symlink_to(base / "secret.txt")
    (site / "dir-outside").symlink_to(base, target_is_directory=True)
    proc = subprocess.Popen(
        [sys.executable, str(SERVE), str(site), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        assert found, f"no URL in the server's first line: {banner!r}"
        yield int(found.group(1))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(port: int, target: str) -> tuple[int, bytes]:
    """One request with the target exactly as written (http.client does not normalise it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def raw_get(port: int, target: bytes) -> tuple[int, bytes]:
    """The same over a bare socket, for targets http.client refuses to send."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_only_the_package_index_allows_other_origins(server):
    def allowed_origin(target):
        conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
        try:
            conn.request("GET", target)
            response = conn.getresponse()
            response.read()
            return response.status, response.getheader("Access-Control-Allow-Origin")
        finally:
            conn.close()

    assert allowed_origin("/simple/index.html") == (200, "*")
    assert allowed_origin("/index.html") == (200, None)


def test_serves_files_inside_the_site(server):
    assert get(server, "/") == (200, PAGE)
    assert get(server, "/index.html?x=1") == (200, PAGE)
    assert get(server, "/sub/a.txt") == (200, b"a\n")
    assert get(server, "/sub/%61.txt") == (200, b"a\n")
    assert get(server, "/link-inside.txt") == (200, b"a\n")


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/./index.html",
        "/../site-sibling/secret.txt",
        "/index.html%00.txt",
        "/%ff%fe",
        "//secret.txt",
        "http://127.0.0.1/../secret.txt",
        "/link-outside.txt",
        "/dir-outside/secret.txt",
        "/dir-outside/",
    ],
)
def test_refuses_paths_leaving_the_site(server, target):
    status, body = get(server, target)
    assert status in (403, 404), (target, status)
    assert SECRET not in body


@pytest.mark.parametrize(
    "target", [b"../secret.txt", b"/..%2F..%2Fsecret.txt", b"*", b"/\x00/../secret.txt"]
)
def test_refuses_raw_targets(server, target):
    status, body = raw_get(server, target)
    assert status in (400, 403, 404), (target, status)
    assert SECRET not in body


def test_no_directory_listing(server):
    status, body = get(server, "/sub/")
    assert status == 404
    assert b"a.txt" not in body


def test_listens_on_loopback_only(server):
    # 127.0.0.2 reaches this machine too, but only a socket bound to it or to every address
    # (0.0.0.0) accepts there: a server bound to 127.0.0.1 alone refuses the connection.
    with pytest.raises(OSError) as refused:
        socket.create_connection(("127.0.0.2", server), timeout=5).close()
    assert refused.value.errno == errno.ECONNREFUSED


# Every place the package turns a string into code, as (file, line text without spaces). Each
# evaluates only a file of the package itself; a new one must be reviewed before it is added.
EVALUATIONS = {
    ("_wasm/_loader.py", "self._helpers=run_js(f.read())"),
    ("_wasm/_loader.py", "self._threads_host=run_js(f.read())"),
    ("_wasm/runtime.js", "factory=newFunction(`${glue}\\nreturnwasm_bindgen;`);"),
    # threads.js's pool threads: a Worker running threads.js's own two functions (SOURCE).
    ("_wasm/threads.js", "constworker=newWorker(code,{eval:true,workerData:data});"),
    ("_wasm/threads.js", "constworker=newWorker(url);"),
    # A function, not a string: nothing is evaluated (init() waiting for the pool's Workers).
    ("_wasm/runtime.js", "awaitnewPromise((resolve)=>setTimeout(resolve,5));"),
}
CODE_FROM_STRING = re.compile(
    r"\b(eval|exec|compile|run_js|runPython(Async)?|Function|setTimeout|setInterval|"
    r"import_module|__import__|Worker)\s*\("
)


def test_code_evaluation_only_of_own_package_files():
    found = set()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".pyi", ".js", ".mjs") or "__pycache__" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#", 1)[0] if path.suffix in (".py", ".pyi") else line
            if code.lstrip().startswith(("//", "*", "/*")):
                continue
            # compiling a regular expression or WebAssembly bytes evaluates no source text
            if CODE_FROM_STRING.search(re.sub(r"\b(re|WebAssembly)\.compile\(", "", code)):
                found.add((path.relative_to(PACKAGE).as_posix(), "".join(code.split())))
    assert found == EVALUATIONS
    # and what they evaluate is the package's own files, by constant name
    loader = (PACKAGE / "_wasm" / "_loader.py").read_text(encoding="utf-8")
    assert 'with open(os.path.join(self._dir, _RUNTIME_JS), encoding="utf-8") as f:' in loader
    assert '_RUNTIME_JS = "runtime.js"' in loader
    assert 'with open(os.path.join(self._dir, _THREADS_JS), encoding="utf-8") as f:' in loader
    assert '_THREADS_JS = "threads.js"' in loader
    threads = (PACKAGE / "_wasm" / "threads.js").read_text(encoding="utf-8")
    assert 'const SOURCE = `"use strict";\\n${imports}\\n${thread}\\n`;' in threads
    assert "with open(os.path.join(self._dir, glue)" in loader
