"""Invariants of the deployment files: Compose, Kubernetes (kustomize) and the Dockerfile.

Fast and offline: the YAML files are parsed and checked as data; no Docker engine and no
cluster. Where ``kubectl`` is on PATH, the overlays are also rendered with
``kubectl kustomize`` (offline) and the rendered output is checked the same way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared.auth import load_signing_keys
from shared.contracts.topics import ALL_TOPICS, RETENTION_MS, dead_letter_topic

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"
BASE = K8S / "base"
OVERLAYS = {name: K8S / "overlays" / name for name in ("local", "production")}
COMPOSE_FILE = DEPLOY / "compose" / "compose.yaml"
DOCKERFILE = DEPLOY / "docker" / "Dockerfile"

SERVICES = {"intake": 8001, "scoring": 8002, "incentives": 8003, "notify": 8004}
EXPECTED_TOPICS = sorted(t for topic in ALL_TOPICS for t in (topic, dead_letter_topic(topic)))
JWKS_URL = "http://intake:8001/.well-known/jwks.json"
VERIFIERS = [name for name in SERVICES if name != "intake"]
"""The services that verify intake's access tokens with its published keys."""
INFRA = ("kafka", "mongodb")
TOPIC_JOB = "kafka-topics"
MIN_PARTITIONS = 6

Doc = dict[str, Any]


# --- loading -------------------------------------------------------------------------


def yaml_files() -> list[Path]:
    roots = (DEPLOY / "compose", K8S)
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in {".yaml", ".yml"})


@cache
def load(path: Path) -> tuple[Doc, ...]:
    with path.open(encoding="utf-8") as f:
        return tuple(doc for doc in yaml.safe_load_all(f) if doc is not None)


def compose() -> Doc:
    return load(COMPOSE_FILE)[0]


def kustomization(folder: Path) -> Doc:
    return load(folder / "kustomization.yaml")[0]


def resources_of(folder: Path) -> Iterator[Doc]:
    """Every document a kustomization's resources hold, following directories."""
    for entry in kustomization(folder).get("resources", []):
        target = (folder / entry).resolve()
        if target.is_dir():
            yield from resources_of(target)
        else:
            yield from load(target)


def patch_docs(folder: Path) -> Iterator[Doc]:
    for patch in kustomization(folder).get("patches", []):
        if "path" in patch:
            yield from load(folder / patch["path"])
        else:
            yield from (d for d in yaml.safe_load_all(patch["patch"]) if d is not None)


def of_kind(docs: Iterator[Doc] | tuple[Doc, ...], kind: str) -> dict[str, Doc]:
    return {d["metadata"]["name"]: d for d in docs if d.get("kind") == kind}


def base_deployments() -> dict[str, Doc]:
    return of_kind(resources_of(BASE), "Deployment")


def env_of(container: Doc) -> dict[str, Doc]:
    return {e["name"]: e for e in container.get("env", [])}


def env_refs(docs: tuple[Doc, ...], ref: str) -> Iterator[tuple[str, str]]:
    """(name, key) of every ``ref`` (configMapKeyRef, secretKeyRef) in the pod templates."""
    for doc in docs:
        pod = doc.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []):
            for var in container.get("env", []):
                if ref in var.get("valueFrom", {}):
                    yield var["valueFrom"][ref]["name"], var["valueFrom"][ref]["key"]


def config_data(folder: Path) -> dict[str, str]:
    """xinbao-shared as the overlay (or base) leaves it, patches merged in."""
    data = dict(of_kind(resources_of(BASE), "ConfigMap")["xinbao-shared"]["data"])
    if folder != BASE:
        for patch in patch_docs(folder):
            if patch.get("kind") == "ConfigMap":
                data.update(patch["data"])
    return data


def hpa_bounds(folder: Path) -> tuple[int, int]:
    spec = dict(of_kind(resources_of(BASE), "HorizontalPodAutoscaler")["scoring"]["spec"])
    if folder != BASE:
        for patch in patch_docs(folder):
            if patch.get("kind") == "HorizontalPodAutoscaler" and "spec" in patch:
                spec.update(patch["spec"])
    return spec["minReplicas"], spec["maxReplicas"]


def compose_default(value: object) -> str:
    """A Compose value with ``${VAR:-default}`` replaced by its default."""
    return re.sub(r"\$\{[A-Z0-9_]+:-([^}]*)\}", r"\1", str(value))


def topic_list(value: str) -> list[str]:
    return sorted(value.split())


def retention_of(value: str) -> dict[str, int]:
    """``TOPIC_RETENTION_MS`` (``topic=ms topic=ms``) as a mapping."""
    return {topic: int(ms) for topic, _, ms in (pair.partition("=") for pair in value.split())}


# --- the checks shared by raw and rendered manifests -----------------------------------


def assert_service_deployment(name: str, deployment: Doc) -> None:
    """Probes on /health, metrics announced on a real port, env prefixed by the name."""
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": SERVICES[name]}, name

    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == "/health", (name, probe)
        assert get["port"] in ("http", SERVICES[name]), (name, probe)

    annotations = pod["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    assert int(annotations["prometheus.io/port"]) in ports.values(), name

    env = env_of(container)
    prefix = f"{name.upper()}_"
    assert env.pop("SERVICE")["value"] == name
    assert all(key.startswith(prefix) for key in env), (name, sorted(env))
    for suffix in ("KAFKA_BOOTSTRAP", "MONGO_URI", "MONGO_DB", "HTTP_HOST", "HTTP_PORT"):
        assert prefix + suffix in env, (name, suffix)
    assert env[prefix + "HTTP_PORT"]["value"] == str(SERVICES[name])
    assert env[prefix + "MONGO_DB"]["value"] == f"xinbao_{name}"
    assert env[prefix + "INSTANCE_ID"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    assert "secretKeyRef" in env[prefix + "MONGO_URI"]["valueFrom"], "URIs carry credentials"


def assert_hardened(pod_spec: Doc, what: str) -> None:
    assert pod_spec["securityContext"]["runAsNonRoot"] is True, what
    assert pod_spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", what
    for container in pod_spec["containers"]:
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False, what
        assert context["capabilities"]["drop"] == ["ALL"], what
        for bound in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][bound]), (what, bound)


# --- every file ----------------------------------------------------------------------


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_parses(path: Path) -> None:
    assert load(path), f"{path} holds no document"


def test_no_credentials_outside_the_example_secret() -> None:
    with_password = re.compile(r"mongodb(\+srv)?://[^/\s:@]+:([^@\s]+)@")
    for path in yaml_files():
        for match in with_password.finditer(path.read_text(encoding="utf-8")):
            assert path.name.endswith(".example.yaml"), path
            assert match.group(2) == "CHANGE_ME", path


# --- Kubernetes ----------------------------------------------------------------------


def test_every_service_has_a_deployment_service_and_disruption_budget() -> None:
    docs = tuple(resources_of(BASE))
    for kind in ("Deployment", "Service", "PodDisruptionBudget"):
        assert set(of_kind(docs, kind)) == set(SERVICES), kind
    for name, service in of_kind(docs, "Service").items():
        assert service["spec"]["ports"][0]["port"] == SERVICES[name]


@pytest.mark.parametrize("name", SERVICES)
def test_deployment_probes_health_and_announces_metrics(name: str) -> None:
    assert_service_deployment(name, base_deployments()[name])


@pytest.mark.parametrize("name", SERVICES)
def test_deployment_runs_hardened(name: str) -> None:
    pod_spec = base_deployments()[name]["spec"]["template"]["spec"]
    assert_hardened(pod_spec, name)
    (container,) = pod_spec["containers"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert "/tmp" in {m["mountPath"] for m in container["volumeMounts"]}


def test_topic_job_runs_hardened() -> None:
    job = of_kind(resources_of(BASE), "Job")[TOPIC_JOB]
    assert_hardened(job["spec"]["template"]["spec"], TOPIC_JOB)


def test_config_references_name_keys_the_config_map_has() -> None:
    docs = tuple(resources_of(BASE))
    config_maps = {name: set(d["data"]) for name, d in of_kind(docs, "ConfigMap").items()}
    refs = set(env_refs(docs, "configMapKeyRef"))
    assert refs, "the workloads read xinbao-shared"
    for name, key in refs:
        assert key in config_maps.get(name, set()), (name, key)


def test_scoring_hpa_targets_the_scoring_deployment_on_cpu() -> None:
    hpa = of_kind(resources_of(BASE), "HorizontalPodAutoscaler")["scoring"]
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "scoring",
    }
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert "replicas" not in base_deployments()["scoring"]["spec"], "the HPA owns the count"


def test_topic_job_creates_the_contract_topics_and_their_dead_letter_twins() -> None:
    job = of_kind(resources_of(BASE), "Job")[TOPIC_JOB]
    (container,) = job["spec"]["template"]["spec"]["containers"]
    env = env_of(container)
    assert topic_list(env["TOPICS"]["value"]) == EXPECTED_TOPICS
    for setting in ("TOPIC_PARTITIONS", "TOPIC_REPLICATION_FACTOR", "TOPIC_MIN_INSYNC_REPLICAS"):
        assert env[setting]["valueFrom"]["configMapKeyRef"]["name"] == "xinbao-shared"
        assert f'"${setting}"' in container["args"][0], setting


def test_topic_job_keeps_the_session_topic_one_day() -> None:
    job = of_kind(resources_of(BASE), "Job")[TOPIC_JOB]
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert retention_of(env_of(container)["TOPIC_RETENTION_MS"]["value"]) == RETENTION_MS
    assert RETENTION_MS["intake.session.v1"] == 24 * 3600 * 1000
    assert "for pair in $TOPIC_RETENTION_MS" in container["args"][0]
    assert '--config retention.ms=${pair#*=}' in container["args"][0]


def test_intake_signs_with_the_key_mounted_from_its_secret() -> None:
    pod = base_deployments()["intake"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    key_file = Path(env_of(container)["INTAKE_SIGNING_KEYS_FILE"]["value"])
    (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == str(key_file.parent)]
    assert mount["readOnly"] is True
    (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    assert volume["secret"]["secretName"] == "xinbao-intake"
    assert volume["secret"]["items"] == [{"key": "signing-keys", "path": key_file.name}]
    example = of_kind(load(BASE / "secret.example.yaml"), "Secret")["xinbao-intake"]
    assert "BEGIN PRIVATE KEY" in example["stringData"]["signing-keys"]
    generators = kustomization(OVERLAYS["local"])["secretGenerator"]
    (local,) = [g for g in generators if g["name"] == "xinbao-intake"]
    (entry,) = [f for f in local["files"] if f.startswith("signing-keys=")]
    keys = load_signing_keys(None, str(OVERLAYS["local"] / entry.split("=", 1)[1]))
    assert keys is not None and len(keys.keys) == 1, "a development Ed25519 key for local clusters"


@pytest.mark.parametrize("name", VERIFIERS)
def test_the_other_services_verify_tokens_with_intakes_published_keys(name: str) -> None:
    (container,) = base_deployments()[name]["spec"]["template"]["spec"]["containers"]
    assert env_of(container)[f"{name.upper()}_AUTH_JWKS_URL"]["value"] == JWKS_URL
    assert compose()["services"][name]["environment"][f"{name.upper()}_AUTH_JWKS_URL"] == JWKS_URL


@pytest.mark.parametrize("folder", [BASE, *OVERLAYS.values()], ids=lambda p: p.name)
def test_partitions_bound_the_useful_scoring_replicas(folder: Path) -> None:
    partitions = int(config_data(folder)["TOPIC_PARTITIONS"])
    low, high = hpa_bounds(folder)
    assert partitions >= MIN_PARTITIONS
    assert 1 <= low <= high <= partitions


def kustomization_dirs() -> list[Path]:
    return sorted(p.parent for p in K8S.rglob("kustomization.yaml"))


@pytest.mark.parametrize("folder", kustomization_dirs(), ids=lambda p: str(p.relative_to(K8S)))
def test_kustomization_lists_only_files_that_exist(folder: Path) -> None:
    spec = kustomization(folder)
    listed = list(spec.get("resources", [])) + list(spec.get("components", []))
    listed += [p["path"] for p in spec.get("patches", []) if "path" in p]
    for generator in spec.get("configMapGenerator", []) + spec.get("secretGenerator", []):
        listed += [f.split("=")[-1] for f in generator.get("files", []) + generator.get("envs", [])]
    for entry in listed:
        target = folder / entry
        assert target.is_file() or (target / "kustomization.yaml").is_file(), entry


@pytest.mark.parametrize("folder", kustomization_dirs(), ids=lambda p: str(p.relative_to(K8S)))
def test_every_manifest_is_listed_by_its_kustomization(folder: Path) -> None:
    spec = kustomization(folder)
    listed = set(spec.get("resources", [])) | {p.get("path") for p in spec.get("patches", [])}
    for path in folder.glob("*.yaml"):
        if path.name != "kustomization.yaml" and not path.name.endswith(".example.yaml"):
            assert path.name in listed, f"{path} is not used by {folder}/kustomization.yaml"


@pytest.mark.parametrize("overlay", OVERLAYS.values(), ids=lambda p: p.name)
def test_overlay_patches_target_resources_that_exist(overlay: Path) -> None:
    present = {(d["kind"], d["metadata"]["name"]) for d in resources_of(overlay)}
    for patch in patch_docs(overlay):
        assert (patch["kind"], patch["metadata"]["name"]) in present, patch["metadata"]


def test_local_overlay_runs_one_replica_each_without_autoscaler() -> None:
    patches = list(patch_docs(OVERLAYS["local"]))
    replicas = {
        p["metadata"]["name"]: p["spec"]["replicas"] for p in patches if p["kind"] == "Deployment"
    }
    assert replicas == dict.fromkeys(SERVICES, 1)
    assert any(
        p["kind"] == "HorizontalPodAutoscaler" and p.get("$patch") == "delete" for p in patches
    )


def test_production_overlay_scales_and_spreads_the_services() -> None:
    overlay = OVERLAYS["production"]
    patches = [p for p in patch_docs(overlay) if p["kind"] == "Deployment"]
    replicas = {
        p["metadata"]["name"]: p["spec"]["replicas"]
        for p in patches
        if "replicas" in p.get("spec", {})
    }
    assert replicas == {"intake": 2, "incentives": 2, "notify": 2}
    assert hpa_bounds(overlay) == (3, 12)
    spread = {
        p["metadata"]["name"]: p["spec"]["template"]["spec"]
        for p in patches
        if "template" in p.get("spec", {})
    }
    assert set(spread) == set(SERVICES)
    for name, pod_spec in spread.items():
        (term,) = pod_spec["affinity"]["podAntiAffinity"][
            "preferredDuringSchedulingIgnoredDuringExecution"
        ]
        assert term["podAffinityTerm"]["labelSelector"]["matchLabels"] == {
            "app.kubernetes.io/name": name
        }
    config = config_data(overlay)
    assert (config["TOPIC_REPLICATION_FACTOR"], config["TOPIC_MIN_INSYNC_REPLICAS"]) == ("3", "2")


def test_mongo_uris_name_the_replica_set_and_majority_writes() -> None:
    example = of_kind(load(BASE / "secret.example.yaml"), "Secret")["xinbao-mongodb"]
    uris = list(example["stringData"].values())
    assert sorted(example["stringData"]) == sorted(f"{name}-uri" for name in SERVICES)
    generators = kustomization(OVERLAYS["local"])["secretGenerator"]
    (local,) = [g for g in generators if g["name"] == "xinbao-mongodb"]
    uris += [literal.split("=", 1)[1] for literal in local["literals"]]
    uris += [
        str(s["environment"][f"{n.upper()}_MONGO_URI"])
        for n, s in compose()["services"].items()
        if n in SERVICES
    ]
    assert len(uris) == 3 * len(SERVICES)
    for uri in uris:
        assert "replicaSet=rs0" in uri and "w=majority" in uri, uri


# --- Kubernetes, rendered by kubectl when it is installed ----------------------------

KUBECTL = shutil.which("kubectl")


@cache
def rendered(overlay: Path) -> tuple[Doc, ...]:
    assert KUBECTL is not None
    out = subprocess.run(
        [KUBECTL, "kustomize", str(overlay)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return tuple(d for d in yaml.safe_load_all(out.stdout) if d is not None)


@pytest.mark.skipif(KUBECTL is None, reason="kubectl not installed: overlays not rendered")
@pytest.mark.parametrize("overlay", OVERLAYS.values(), ids=lambda p: p.name)
def test_rendered_overlay_is_consistent(overlay: Path) -> None:
    docs = rendered(overlay)
    assert {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"} == {"xinbao"}
    deployments = of_kind(docs, "Deployment")
    assert set(deployments) == set(SERVICES)
    for name, deployment in deployments.items():
        assert_service_deployment(name, deployment)
    config_maps = {name: set(d.get("data", {})) for name, d in of_kind(docs, "ConfigMap").items()}
    for name, key in env_refs(docs, "configMapKeyRef"):
        assert key in config_maps.get(name, set()), (name, key)
    secrets = {name: set(d.get("data", {})) for name, d in of_kind(docs, "Secret").items()}
    if overlay.name == "production":
        assert not secrets, "production Secrets are created out of band, never rendered"
    else:
        for name, key in env_refs(docs, "secretKeyRef"):
            assert key in secrets.get(name, set()), (name, key)
    for hpa in of_kind(docs, "HorizontalPodAutoscaler").values():
        assert hpa["spec"]["scaleTargetRef"]["name"] in deployments


# --- Compose -------------------------------------------------------------------------


def test_compose_infrastructure_has_health_checks() -> None:
    services = compose()["services"]
    for name in INFRA:
        assert services[name]["healthcheck"]["test"], name
    assert "rs.initiate" in " ".join(services["mongodb"]["healthcheck"]["test"])
    assert "--replSet=rs0" in services["mongodb"]["command"]
    topics = services[TOPIC_JOB]
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert topic_list(topics["environment"]["TOPICS"]) == EXPECTED_TOPICS
    assert int(topics["environment"]["TOPIC_PARTITIONS"]) >= MIN_PARTITIONS
    assert retention_of(topics["environment"]["TOPIC_RETENTION_MS"]) == RETENTION_MS
    assert "--config retention.ms=$${pair#*=}" in topics["command"][0]


@pytest.mark.parametrize("name", SERVICES)
def test_compose_service_waits_for_healthy_infrastructure(name: str) -> None:
    service = compose()["services"][name]
    depends = {dep: spec["condition"] for dep, spec in service["depends_on"].items()}
    assert depends == {
        "kafka": "service_healthy",
        "mongodb": "service_healthy",
        TOPIC_JOB: "service_completed_successfully",
    }
    assert service["build"]["dockerfile"] == "deploy/docker/Dockerfile"
    assert f"127.0.0.1:{SERVICES[name]}/health" in " ".join(service["healthcheck"]["test"])


@pytest.mark.parametrize("name", SERVICES)
def test_compose_service_env_prefix_matches_its_name(name: str) -> None:
    env = {k: str(v) for k, v in compose()["services"][name]["environment"].items()}
    assert env.pop("SERVICE") == name
    assert all(key.startswith(f"{name.upper()}_") for key in env), sorted(env)
    assert env[f"{name.upper()}_HTTP_PORT"] == str(SERVICES[name])
    assert env[f"{name.upper()}_MONGO_DB"] == f"xinbao_{name}"
    assert env[f"{name.upper()}_KAFKA_BOOTSTRAP"] == "kafka:9092"


def test_compose_scoring_scales_within_the_partitions() -> None:
    services = compose()["services"]
    replicas = int(compose_default(services["scoring"]["deploy"]["replicas"]))
    partitions = int(services[TOPIC_JOB]["environment"]["TOPIC_PARTITIONS"])
    assert 1 < replicas <= partitions
    assert all("container_name" not in services[name] for name in SERVICES), "blocks --scale"


# --- Dockerfile ----------------------------------------------------------------------


def test_dockerfile_builds_one_non_root_image_for_every_service() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim\b", text, re.M)
    assert len(re.findall(r"^FROM ", text, re.M)) >= 2, "multi-stage"
    assert re.search(r"^RUN pip install --no-deps \.", text, re.M)
    user = re.findall(r"^USER (\S+)", text, re.M)[-1]
    assert user not in {"root", "0", "0:0"}
    assert 'exec python -m "services.${SERVICE}"' in text
    assert " | ".join(SERVICES) in text, "SERVICE is checked against the four names"
    for name in SERVICES:
        assert f"{name.upper()}_HTTP_HOST=0.0.0.0" in text


def test_dockerignore_admits_only_what_the_image_needs() -> None:
    lines = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*", "an allow-list keeps .venv, .git, .cache and .run out"
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert {"pyproject.toml", "shared", "services", "deploy"} <= allowed
