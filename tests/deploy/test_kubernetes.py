"""deploy/k8s: the base and each overlay render, validate against Kubernetes' schemas, and keep the rules of
issue 13: probes on every server, sized resources, only residents' paths public, no secret values in git."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.conftest import ROOT
from tests.deploy.kustomize import Manifest, containers, render
from tests.deploy.names import known, used_in
from tests.deploy.paths import NEVER_PUBLIC, PUBLIC_SAMPLES

K8S = ROOT / "deploy" / "k8s"
TARGETS = [K8S / "base", *sorted((K8S / "overlays").iterdir())]
# The oldest Kubernetes release still supported by the big clouds when this was written; every API used here is GA
# there (autoscaling/v2, policy/v1, networking.k8s.io/v1).
KUBERNETES_VERSION = "1.28.0"
# Measured peak RSS of one Rasa pod (README, "Deploying at scale"): one Sanic worker ~1.04 GB, two ~0.70 GB each.
RASA_PEAK_BYTES = {1: 1.04e9, 2: 2 * 0.70e9}
# Where each component answers its probes (the health contract of issue 13).
PROBES = {
    "rasa": ("/webhooks/ops/live", "/webhooks/ops/ready"),
    "actions": ("/live", "/ready"),
    "console": ("/live", "/ready"),
}
UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9, "m": 1e-3}


def quantity(value: str | int) -> float:
    """A Kubernetes quantity ("1600Mi", "250m", "2") as a number."""
    text = str(value)
    for suffix in sorted(UNITS, key=len, reverse=True):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * UNITS[suffix]
    return float(text)


@pytest.fixture(scope="module", params=TARGETS, ids=lambda path: path.name)
def manifests(request: pytest.FixtureRequest) -> list[Manifest]:
    return render(request.param)


def named(manifests: list[Manifest], kind: str, name: str) -> Manifest:
    return next(m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name)


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed; the renderer runs alone")
@pytest.mark.parametrize("folder", TARGETS, ids=lambda path: path.name)
def test_the_renderer_gives_what_kubectl_kustomize_gives(folder: Path) -> None:
    output = subprocess.run(["kubectl", "kustomize", str(folder)], capture_output=True, text=True, check=True)
    theirs = {(m["kind"], m["metadata"]["name"]): m for m in yaml.safe_load_all(output.stdout) if m}
    assert {(m["kind"], m["metadata"]["name"]): m for m in render(folder)} == theirs


def test_every_manifest_is_valid_for_kubernetes(manifests: list[Manifest]) -> None:
    for manifest in manifests:
        kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_the_schema_check_catches_a_misspelt_field(manifests: list[Manifest]) -> None:
    deployment = copy.deepcopy(named(manifests, "Deployment", "one-door-rasa"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGett"] = {"path": "/"}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_every_server_has_liveness_and_readiness_probes_on_its_health_paths(manifests: list[Manifest]) -> None:
    for container in containers(manifests):
        if not container.get("ports"):
            continue
        live, ready = PROBES[container["name"]]
        assert container["livenessProbe"]["httpGet"]["path"] == live, container["name"]
        assert container["readinessProbe"]["httpGet"]["path"] == ready, container["name"]
    served = {c["name"] for c in containers(manifests) if c.get("ports")}
    assert served == set(PROBES)


def test_every_container_has_cpu_and_memory_requests_within_limits(manifests: list[Manifest]) -> None:
    for container in containers(manifests):
        requests, limits = container["resources"]["requests"], container["resources"]["limits"]
        for resource in ("cpu", "memory"):
            assert quantity(requests[resource]) <= quantity(limits[resource]), (container["name"], resource)


def test_rasa_memory_covers_the_measured_peak_of_its_workers(manifests: list[Manifest]) -> None:
    rasa = next(c for c in containers(manifests) if c["name"] == "rasa")
    workers = int(next(e["value"] for e in rasa["env"] if e["name"] == "ONE_DOOR_RASA_WORKERS"))
    assert quantity(rasa["resources"]["requests"]["memory"]) >= RASA_PEAK_BYTES[workers]
    assert quantity(rasa["resources"]["limits"]["memory"]) >= 1.2 * RASA_PEAK_BYTES[workers]


def test_every_pod_runs_as_a_non_root_user_on_a_read_only_root(manifests: list[Manifest]) -> None:
    for manifest in manifests:
        if manifest["kind"] in ("Deployment", "Job"):
            assert manifest["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    for container in containers(manifests):
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_rasa_scales_on_cpu_and_never_below_two_replicas(manifests: list[Manifest]) -> None:
    autoscaler = named(manifests, "HorizontalPodAutoscaler", "one-door-rasa")
    assert autoscaler["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                                     "name": "one-door-rasa"}
    assert 2 <= autoscaler["spec"]["minReplicas"] < autoscaler["spec"]["maxReplicas"]


def test_the_migration_job_runs_the_migrations(manifests: list[Manifest]) -> None:
    job = named(manifests, "Job", "one-door-migrate")
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]


def ingress_sends(ingress: Manifest, path: str) -> bool:
    """Whether an Ingress routes `path` anywhere, by the Exact and Prefix rules of networking.k8s.io/v1."""
    path = path.split("?")[0]
    for rule in ingress["spec"]["rules"]:
        for route in rule["http"]["paths"]:
            if route["pathType"] == "Exact" and path == route["path"]:
                return True
            prefix = route["path"].rstrip("/")
            if route["pathType"] == "Prefix" and (path == prefix or path.startswith(prefix + "/") or prefix == ""):
                return True
    return False


def test_the_public_ingress_routes_residents_paths_and_nothing_else(manifests: list[Manifest]) -> None:
    public = named(manifests, "Ingress", "one-door-public")
    assert all(ingress_sends(public, path) for path in PUBLIC_SAMPLES)
    assert [path for path in NEVER_PUBLIC if ingress_sends(public, path)] == []
    backends = {r["backend"]["service"]["name"] for rule in public["spec"]["rules"] for r in rule["http"]["paths"]}
    assert backends == {"one-door-rasa"}


def test_the_public_ingress_keeps_a_client_on_one_rasa_replica(manifests: list[Manifest]) -> None:
    annotations = named(manifests, "Ingress", "one-door-public")["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/upstream-hash-by"] == "$binary_remote_addr"


def test_the_console_has_its_own_ingress_class_limited_to_the_staff_network(manifests: list[Manifest]) -> None:
    public = named(manifests, "Ingress", "one-door-public")
    console = named(manifests, "Ingress", "one-door-console")
    assert console["spec"]["ingressClassName"] != public["spec"]["ingressClassName"]
    assert console["metadata"]["annotations"]["nginx.ingress.kubernetes.io/whitelist-source-range"]


def test_no_secret_value_is_rendered_and_pods_read_the_operators_secret(manifests: list[Manifest]) -> None:
    assert not [m for m in manifests if m["kind"] == "Secret"]
    example = yaml.safe_load((K8S / "base" / "secret.example.yaml").read_text())
    assert set(example["stringData"].values()) == {"REPLACE_ME"}
    for container in containers(manifests):
        sources = container["envFrom"]
        assert {"secretRef": {"name": example["metadata"]["name"]}} in sources
        assert {"configMapRef": {"name": "one-door-config"}} in sources
    assert named(manifests, "ConfigMap", "one-door-config")


def test_every_variable_the_manifests_set_is_one_one_door_reads() -> None:
    for path in K8S.rglob("*.yaml"):
        assert used_in(path) <= known(), path
