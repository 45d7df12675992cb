"""A renderer for the small part of Kustomize that deploy/k8s uses, so the tests need no kustomize binary.

Supported: `resources` (files, or folders with a kustomization), `patches` (strategic-merge files that name
their target by kind and name), `images` and `namespace`. Anything else in a kustomization is refused, so an
overlay that grows past this renderer fails the tests instead of being rendered wrongly.
`test_kubernetes.py` checks the output equals `kubectl kustomize`'s wherever kubectl is installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SUPPORTED = frozenset({"apiVersion", "kind", "resources", "patches", "images", "namespace"})

Manifest = dict[str, Any]


def render(folder: Path) -> list[Manifest]:
    """Every manifest the kustomization in `folder` produces."""
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text(encoding="utf-8"))
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise ValueError(f"{folder}: the test renderer does not support {sorted(unknown)}")
    manifests: list[Manifest] = []
    for resource in kustomization.get("resources", []):
        path = folder / resource
        manifests += render(path) if path.is_dir() else load_all(path)
    for patch in kustomization.get("patches", []):
        apply_patch(manifests, yaml.safe_load((folder / patch["path"]).read_text(encoding="utf-8")))
    for image in kustomization.get("images", []):
        set_image(manifests, image)
    if "namespace" in kustomization:
        for manifest in manifests:
            manifest["metadata"]["namespace"] = kustomization["namespace"]
    return manifests


def load_all(path: Path) -> list[Manifest]:
    """The documents of a YAML file, without empty ones."""
    return [document for document in yaml.safe_load_all(path.read_text(encoding="utf-8")) if document]


def apply_patch(manifests: list[Manifest], patch: Manifest) -> None:
    """Merge a strategic-merge patch into the one manifest of its kind and name."""
    targets = [m for m in manifests if m["kind"] == patch["kind"]
               and m["metadata"]["name"] == patch["metadata"]["name"]]
    if len(targets) != 1:
        raise ValueError(f"patch {patch['kind']}/{patch['metadata']['name']} matches {len(targets)} manifests")
    merge(targets[0], patch)


def merge(target: Manifest, patch: Manifest) -> None:
    """Strategic merge as Kubernetes does it for these files: maps merge, lists of named items (containers, env)
    merge by name, any other list is replaced."""
    for key, value in patch.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            merge(current, value)
        elif isinstance(current, list) and isinstance(value, list) and _named(current) and _named(value):
            by_name = {item["name"]: item for item in current}
            for item in value:
                if item["name"] in by_name:
                    merge(by_name[item["name"]], item)
                else:
                    current.append(item)
        else:
            target[key] = value


def _named(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "name" in item for item in items)


def set_image(manifests: list[Manifest], image: dict[str, str]) -> None:
    """Replace the image `image["name"]` with its new name and tag in every container."""
    for container in containers(manifests):
        if container["image"].split(":")[0] == image["name"]:
            container["image"] = f"{image.get('newName', image['name'])}:{image['newTag']}"


def containers(manifests: list[Manifest]) -> list[Manifest]:
    """Every container of every Deployment and Job, init containers included."""
    found = []
    for manifest in manifests:
        if manifest["kind"] in ("Deployment", "Job"):
            spec = manifest["spec"]["template"]["spec"]
            found += spec.get("initContainers", []) + spec["containers"]
    return found
