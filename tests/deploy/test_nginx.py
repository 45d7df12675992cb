"""deploy/nginx/one-door.conf passes `nginx -t` and, run for real in a private network namespace in front of
stand-in backends, passes residents' paths to Rasa, answers everything else 404 itself, keeps a client on one
replica, and serves the console only on its own port."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.deploy.paths import NEVER_PUBLIC, PUBLIC_SAMPLES

SANDBOX = Path(__file__).with_name("nginx_sandbox.py")
# Client addresses in different /24 networks: ip_hash keys on the first three bytes of an IPv4 address.
CLIENTS = [f"127.0.{n}.1" for n in range(1, 21)]


def nginx_binary() -> str:
    found = shutil.which("nginx") or ROOT / "build" / "nginx" / "usr" / "sbin" / "nginx"
    if not Path(found).exists():
        pytest.fail("no nginx: `make deploy-check` unpacks Debian's (scripts/ensure_nginx.sh)")
    return str(found)


def wrapped_config(folder: Path) -> None:
    """The http block the official image wraps conf.d/ in, with every writable path inside `folder`, and a
    throwaway certificate where the config looks for tls/ (relative to the main config's folder)."""
    shutil.copy(ROOT / "deploy" / "nginx" / "one-door.conf", folder / "one-door.conf")
    temp = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                       "scgi"))
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid; error_log stderr; events {{}}\n"
        f"http {{ access_log off; {temp} include {folder}/one-door.conf; }}\n")
    (folder / "tls").mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", str(folder / "tls" / "privkey.pem"), "-out", str(folder / "tls" / "fullchain.pem")],
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("nginx")
    wrapped_config(folder)
    requests = [{"url": f"https://127.0.0.1{path}"} for path in (*PUBLIC_SAMPLES, *NEVER_PUBLIC)]
    requests += [{"url": f"https://127.0.0.1:8443{path}"} for path in ("/", "/handoffs", "/ready", "/metrics")]
    requests += [{"url": "http://127.0.0.1/metrics"}]
    requests += [{"url": "https://127.0.0.1/socket.io/?EIO=4", "source": c} for c in CLIENTS for _ in range(3)]
    (folder / "requests.json").write_text(json.dumps(requests))
    run = subprocess.run(["unshare", "--net", "--mount", sys.executable, str(SANDBOX), nginx_binary(), str(folder),
                          str(folder / "requests.json")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    assert output["nginx -t"] == ""
    return {"requests": requests, "results": output["results"]}


def answer(answers: dict[str, Any], url: str) -> list[Any]:
    return next(r for q, r in zip(answers["requests"], answers["results"]) if q["url"] == url)


def test_residents_paths_reach_a_rasa_replica(answers: dict[str, Any]) -> None:
    for path in PUBLIC_SAMPLES:
        status, body = answer(answers, f"https://127.0.0.1{path}")
        assert status == 200 and body.split()[0] in ("rasa-1", "rasa-2") and body.split()[1] == path, path


def test_nothing_else_of_rasa_is_public(answers: dict[str, Any]) -> None:
    reached = [path for path in NEVER_PUBLIC if answer(answers, f"https://127.0.0.1{path}") != [404, ""]]
    assert reached == []


def test_plain_http_only_redirects_to_https(answers: dict[str, Any]) -> None:
    assert answer(answers, "http://127.0.0.1/metrics")[0] == 301


def test_the_console_is_on_its_own_port_without_its_probes(answers: dict[str, Any]) -> None:
    assert answer(answers, "https://127.0.0.1:8443/handoffs") == [200, "console /handoffs"]
    assert answer(answers, "https://127.0.0.1:8443/ready") == [404, ""]
    assert answer(answers, "https://127.0.0.1:8443/metrics") == [404, ""]


def test_each_client_stays_on_one_replica_and_both_replicas_get_clients(answers: dict[str, Any]) -> None:
    replicas: dict[str, set[str]] = defaultdict(set)
    for request, (status, body) in zip(answers["requests"], answers["results"]):
        if "source" in request:
            assert status == 200
            replicas[request["source"]].add(body.split()[0])
    assert all(len(seen) == 1 for seen in replicas.values())
    assert set().union(*replicas.values()) == {"rasa-1", "rasa-2"}
