"""Run deploy/nginx/one-door.conf for real inside a private network namespace, with stand-in backends, and print
what each request got as JSON. `test_nginx.py` starts it with `unshare --net --mount`, so nothing here touches the
machine's network, ports or /etc/hosts.

Usage (inside the namespace): nginx_sandbox.py NGINX CONF_DIR REQUESTS_JSON
"""

from __future__ import annotations

import http.server
import json
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

# The compose service names nginx proxies to, each on its own loopback address.
BACKENDS = {"rasa-1": ("127.0.0.1", 5005), "rasa-2": ("127.0.0.2", 5005), "console": ("127.0.0.3", 5006)}


def serve(name: str, address: tuple[str, int]) -> None:
    """A backend that answers every request with its own name and the path it received."""

    class Echo(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            body = f"{name} {self.path}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(address, Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def fetch(url: str, source: str) -> list[object]:
    """[status, body] of a GET from the client address `source`, redirects not followed."""

    class Source(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request):  # type: ignore[no-untyped-def]
            return self.do_open(lambda *a, **k: _connection(source, *a, **k), req, context=_INSECURE)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object) -> None:
            return None

    opener = urllib.request.build_opener(Source, NoRedirect)
    try:
        with opener.open(url, timeout=5) as answer:
            return [answer.status, answer.read().decode()]
    except urllib.error.HTTPError as error:
        return [error.code, ""]


_INSECURE = ssl.create_default_context()
_INSECURE.check_hostname = False
_INSECURE.verify_mode = ssl.CERT_NONE


def _connection(source: str, host: str, **kwargs: object):  # type: ignore[no-untyped-def]
    import http.client

    return http.client.HTTPSConnection(host, source_address=(source, 0), **kwargs)  # type: ignore[arg-type]


def main(nginx: str, folder: Path, requests: list[dict[str, str]]) -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    hosts = folder / "hosts"
    hosts.write_text("".join(f"{ip} {name}\n" for name, (ip, _) in BACKENDS.items()))
    subprocess.run(["mount", "--bind", str(hosts), "/etc/hosts"], check=True)
    for name, address in BACKENDS.items():
        serve(name, address)
    conf = str(folder / "nginx.conf")
    test = subprocess.run([nginx, "-t", "-c", conf], capture_output=True, text=True)
    if test.returncode != 0:
        print(json.dumps({"nginx -t": test.stderr}))
        return
    process = subprocess.Popen([nginx, "-c", conf, "-g", "daemon off;"])
    try:
        for _ in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", 443)) == 0:
                    break
            time.sleep(0.1)
        results = [fetch(r["url"], r.get("source", "127.0.0.1")) for r in requests]
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(json.dumps({"nginx -t": "", "results": results}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text()))
