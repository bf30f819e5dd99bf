"""The dependency rule: services never import each other; shared never imports a service;
a service's domain imports no framework, driver or settings."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SERVICES = ("intake", "scoring", "incentives", "notify")
FORBIDDEN_IN_DOMAIN = ("faststream", "pymongo", "prometheus_client", "pydantic_settings", "fastapi")


def imported_modules(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in folder.rglob("*.py"):
        if "tests" in path.relative_to(folder).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_no_other_service(service: str) -> None:
    others = tuple(f"services.{name}" for name in SERVICES if name != service)
    crossing = [
        f"{path.relative_to(REPO)}: {module}"
        for path, module in imported_modules(REPO / "services" / service)
        if module.startswith(others)
    ]
    assert crossing == []


def test_shared_imports_no_service() -> None:
    crossing = [
        f"{path.relative_to(REPO)}: {module}"
        for path, module in imported_modules(REPO / "shared")
        if module.startswith("services")
    ]
    assert crossing == []


@pytest.mark.parametrize("service", SERVICES)
def test_a_domain_imports_no_framework_driver_or_settings(service: str) -> None:
    leaks = [
        f"{path.relative_to(REPO)}: {module}"
        for path, module in imported_modules(REPO / "services" / service / "domain")
        if module.split(".")[0] in FORBIDDEN_IN_DOMAIN
    ]
    assert leaks == []
