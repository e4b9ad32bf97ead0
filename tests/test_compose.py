"""The container files: docker-compose.yml, Dockerfile and docs/operations.md, checked as files (no Docker
engine, no services): the structure a `docker compose up` relies on and the configuration they must name."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
OPERATIONS = ROOT / "docs" / "operations.md"
README = ROOT / "README.md"

SERVICES = ("postgres", "redis", "api", "worker")
APP_SERVICES = ("api", "worker")
# the configuration table of the external contract (shared/contract.md)
CONTRACT_ENV = ("DATABASE_URL", "REDIS_URL", "SEEDS_DIR", "NEWSGRAPH_ADMIN_TOKEN")
_VAR = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


# --- helpers ---------------------------------------------------------------------------------------------


def _compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _service(name: str) -> dict[str, Any]:
    services = _compose()["services"]
    assert name in services, f"docker-compose.yml has no `{name}` service"
    service = services[name]
    assert isinstance(service, dict)
    return service


def _interpolate(value: str) -> str:
    """Compose interpolation with an empty shell environment: each ${VAR:-default} becomes its default."""
    return _VAR.sub(lambda m: m.group(2) or "", value).replace("$$", "$")


def _environment(service: dict[str, Any]) -> dict[str, str | None]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # the `- NAME=value` / `- NAME` form
        pairs = [item.partition("=") for item in env]
        return {name: (value if sep else None) for name, sep, value in pairs}
    return {name: (None if value is None else str(value)) for name, value in env.items()}


def _command(service: dict[str, Any]) -> str:
    command = service.get("command")
    assert command, "the service sets no command"
    return command if isinstance(command, str) else " ".join(str(part) for part in command)


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    return instructions


def _instruction(keyword: str) -> list[str]:
    return [args for kw, args in _dockerfile() if kw == keyword]


def _exec_form(args: str) -> list[str]:
    """A CMD/HEALTHCHECK CMD's argv: the JSON (exec) form, or the shell form split like sh would."""
    if args.startswith("["):
        argv = json.loads(args)
        assert isinstance(argv, list)
        return [str(a) for a in argv]
    return shlex.split(args)


def _readme_variables() -> set[str]:
    """The variables named in the first column of README's configuration table."""
    section = README.read_text(encoding="utf-8").partition("## Configuration")[2].partition("\n## ")[0]
    return set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`", section, flags=re.MULTILINE))


# --- docker-compose.yml ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SERVICES)
def test_compose_defines_service(name: str) -> None:
    assert name in _compose()["services"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_service_builds_from_repo_dockerfile(name: str) -> None:
    build = _service(name).get("build")
    assert build is not None, f"{name} is not built from the repository"
    context, dockerfile = (
        (build, "Dockerfile")
        if isinstance(build, str)
        else (
            build.get("context", "."),
            build.get("dockerfile", "Dockerfile"),
        )
    )
    assert (COMPOSE.parent / context / dockerfile).resolve() == DOCKERFILE


@pytest.mark.parametrize("name", SERVICES)
def test_compose_service_has_healthcheck(name: str) -> None:
    check = _service(name).get("healthcheck")
    assert isinstance(check, dict), f"{name} has no healthcheck"
    assert not check.get("disable", False)
    test = check.get("test")
    assert test, f"{name}'s healthcheck runs nothing"
    if isinstance(test, list):
        assert test[0] in ("CMD", "CMD-SHELL")
        assert len(test) > 1


@pytest.mark.parametrize(
    ("name", "probe"),
    [
        ("postgres", "pg_isready"),
        ("redis", "redis-cli ping"),
        ("api", "/healthz"),
        ("worker", "arq --check workers.settings.WorkerSettings"),
    ],
)
def test_compose_healthcheck_probes_the_service(name: str, probe: str) -> None:
    test = _service(name)["healthcheck"]["test"]
    assert probe in (test if isinstance(test, str) else " ".join(test))


def test_compose_api_maps_port_8000() -> None:
    ports = _service("api").get("ports") or []
    published: list[tuple[str, str]] = []
    for port in ports:
        if isinstance(port, dict):
            published.append((str(port.get("published", "")), str(port["target"])))
        else:
            host, _, container = _interpolate(str(port)).rpartition(":")
            published.append((host, container))
    assert ("8000", "8000") in published


def test_compose_api_migrates_before_serving() -> None:
    command = _command(_service("api"))
    assert "newsgraph migrate" in command
    assert "newsgraph serve" in command
    assert command.index("newsgraph migrate") < command.index("newsgraph serve")
    assert "--host 0.0.0.0" in command, "serve binds loopback by default: unreachable from outside"
    assert "--port 8000" in command


def test_compose_api_seeds_only_when_asked() -> None:
    service = _service("api")
    command = _command(service)
    assert "newsgraph ingest --inline" in command
    assert "SEED_ON_START" in command
    assert "SEED_ON_START" in _environment(service)
    assert (
        command.index("newsgraph migrate")
        < command.index("newsgraph ingest")
        < command.index("newsgraph serve")
    )


def test_compose_worker_runs_newsgraph_worker() -> None:
    command = _service("worker")["command"]
    argv = shlex.split(command) if isinstance(command, str) else [str(part) for part in command]
    assert argv == ["newsgraph", "worker"]


@pytest.mark.parametrize("name", APP_SERVICES)
@pytest.mark.parametrize("variable", CONTRACT_ENV)
def test_compose_app_service_names_contract_variable(name: str, variable: str) -> None:
    assert variable in _environment(_service(name))


@pytest.mark.parametrize("name", APP_SERVICES)
@pytest.mark.parametrize("variable", sorted(_readme_variables() | set(CONTRACT_ENV)))
def test_compose_app_service_names_documented_variable(name: str, variable: str) -> None:
    # the README's configuration table (the contract's, plus newsgraph's own) is what a deployment sets
    assert variable in _environment(_service(name))


def test_compose_readme_table_is_parsed() -> None:
    # guards the parametrization above against an empty table (a README reshuffle would hide every case)
    assert set(CONTRACT_ENV) <= _readme_variables()


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_database_url_points_at_postgres_service(name: str) -> None:
    raw = _environment(_service(name))["DATABASE_URL"]
    assert raw is not None
    url = urlsplit(_interpolate(raw))
    assert url.scheme == "postgresql+asyncpg"
    assert url.hostname == "postgres"
    assert url.port in (None, 5432)
    assert url.path.lstrip("/"), "DATABASE_URL names no database"
    postgres_env = _environment(_service("postgres"))
    if postgres_env.get("POSTGRES_HOST_AUTH_METHOD") != "trust":
        password = postgres_env.get("POSTGRES_PASSWORD")
        assert password is not None
        assert url.password == _interpolate(password)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_redis_url_points_at_redis_service(name: str) -> None:
    raw = _environment(_service(name))["REDIS_URL"]
    assert raw is not None
    url = urlsplit(_interpolate(raw))
    assert url.scheme == "redis"
    assert url.hostname == "redis"
    assert url.port in (None, 6379)


@pytest.mark.parametrize("variable", CONTRACT_ENV)
def test_compose_api_and_worker_share_configuration(variable: str) -> None:
    assert _environment(_service("api"))[variable] == _environment(_service("worker"))[variable]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_admin_token_is_never_set_empty(name: str) -> None:
    # an empty NEWSGRAPH_ADMIN_TOKEN is a token, not "unset": it must be passed through or left out
    value = _environment(_service(name))["NEWSGRAPH_ADMIN_TOKEN"]
    assert value is None or _interpolate(value) != ""


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("api", ("postgres", "redis")),
        ("worker", ("api", "postgres", "redis")),
    ],
)
def test_compose_depends_on_healthy_services(name: str, needs: tuple[str, ...]) -> None:
    depends = _service(name).get("depends_on")
    assert isinstance(depends, dict), "depends_on must use the long form to wait for health"
    for other in needs:
        assert other in depends, f"{name} does not wait for {other}"
        assert depends[other].get("condition") == "service_healthy"


def test_compose_postgres_keeps_its_data_in_a_volume() -> None:
    volumes = _service("postgres").get("volumes") or []
    targets = [v.split(":")[1] if isinstance(v, str) else v["target"] for v in volumes]
    assert "/var/lib/postgresql/data" in targets
    assert _service("postgres")["image"].startswith("postgres:15")
    assert _service("redis")["image"].startswith("redis:7")


# --- Dockerfile ------------------------------------------------------------------------------------------


def test_dockerfile_from_python_311() -> None:
    images = _instruction("FROM")
    assert images, "no FROM"
    assert images[-1].split()[0].startswith("python:3.11")


def test_dockerfile_exposes_8000() -> None:
    assert "8000" in " ".join(_instruction("EXPOSE")).split()


def test_dockerfile_healthcheck_requests_healthz() -> None:
    checks = _instruction("HEALTHCHECK")
    assert checks, "no HEALTHCHECK"
    _, _, command = checks[-1].partition("CMD")
    argv = _exec_form(command.strip())
    assert argv, "HEALTHCHECK NONE or no command"
    assert argv[0] in ("python", "python3"), "slim has no curl: the check must use python"
    assert "/healthz" in " ".join(argv)


def test_dockerfile_runs_as_non_root_user() -> None:
    users = _instruction("USER")
    assert users, "no USER: the container would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")


def test_dockerfile_cmd_serves_on_all_interfaces() -> None:
    commands = _instruction("CMD")
    assert commands, "no CMD"
    argv = _exec_form(commands[-1])
    assert argv[:2] == ["newsgraph", "serve"]
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    assert argv[argv.index("--port") + 1] == "8000"


@pytest.mark.parametrize("path", ["alembic", "alembic.ini", "seeds", "store", "settings", "pyproject.toml"])
def test_dockerfile_copies_runtime_path(path: str) -> None:
    copied = {Path(part).name for args in _instruction("COPY") for part in args.split()[:-1]}
    assert path in copied


def test_dockerfile_installs_editable_so_migrations_are_found() -> None:
    # store/migrate.py finds alembic.ini next to the `store` package: a site-packages install loses it
    assert any(re.search(r"pip install (.* )?-e \.", args) for args in _instruction("RUN"))
    assert _instruction("WORKDIR"), "no WORKDIR: relative SEEDS_DIR and the source tree need one"


# --- docs/operations.md ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variable",
    sorted(str(field.validation_alias) for field in Settings.model_fields.values()),
)
def test_operations_documents_every_setting(variable: str) -> None:
    assert f"`{variable}`" in OPERATIONS.read_text(encoding="utf-8")
