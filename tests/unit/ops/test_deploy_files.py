"""deploy/: the image, the compose file, the proxy and the env example carry what they must.

No container engine runs where these tests run, so the files are read and checked for the settings
they must contain (README "Install on a server" says where they are built and run for real):
slim, non-root, hash-pinned dependencies that are the ones tested, a healthcheck, graceful stops;
PostgreSQL, migrations before start, web replicas, exactly one worker, nothing published beyond
127.0.0.1, no secret with a default; and an env example naming every setting the code reads.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[3]
DEPLOY = ROOT / "deploy"
SOURCES = ("bot", "integrations", "storage", "scheduling")
SETTING = re.compile(r"""["']((?:VAART|SLACK|TEAMS)_[A-Z0-9_]+)["']""")
SECRET = re.compile(r"(SECRET|TOKEN|PASSWORD)")


def _dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text()


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert isinstance(data, dict)
    return data


def _example() -> dict[str, tuple[str, bool]]:
    """name -> (value, set) for every `NAME=value` line, commented out (`# NAME=`) or not."""
    found: dict[str, tuple[str, bool]] = {}
    for line in (DEPLOY / "vaart.env.example").read_text().splitlines():
        match = re.fullmatch(r"(# )?([A-Z][A-Z0-9_]+)=(.*)", line.strip())
        if match:
            found[match.group(2)] = (match.group(3), match.group(1) is None)
    return found


def _pg_major_of_compose() -> str:
    image = _compose()["services"]["db"]["image"]
    match = re.fullmatch(r"postgres:(\d+)(?:[.-].*)?", image)
    assert match, image
    return match.group(1)


# -- the image ------------------------------------------------------------------------------------
def test_the_image_is_slim_and_on_the_python_the_tests_run_on() -> None:
    text = _dockerfile()
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    assert base is not None
    assert re.fullmatch(rf"python:{sys.version_info.major}\.{sys.version_info.minor}-slim-\w+(@sha256:\w+)?",
                        base.group(1))
    assert text.count("FROM ${PYTHON_IMAGE}") == 2  # a build stage, and a final stage without pip's leftovers
    assert "--no-install-recommends" in text and "rm -rf /var/lib/apt/lists/*" in text


def test_the_image_runs_as_an_unprivileged_user() -> None:
    text = _dockerfile()
    final = text.split("FROM ${PYTHON_IMAGE}\n")[-1]
    users = re.findall(r"^USER (\S+)$", final, re.MULTILINE)
    assert users == ["10001:10001"]
    last_root_step = max(final.rfind("\nRUN "), final.rfind("\nCOPY "))
    assert final.find("\nUSER ") > last_root_step  # nothing runs as root after it
    assert "useradd --system --uid 10001" in final and "--shell /usr/sbin/nologin" in final
    assert "VAART_VAR_DIR=/var/lib/vaart" in final


def test_the_image_installs_the_runtime_lock_with_its_hashes_and_nothing_else() -> None:
    text = _dockerfile()
    assert "COPY deploy/requirements.lock /tmp/requirements.lock" in text
    assert "pip install --require-hashes --only-binary=:all: --no-deps -r /tmp/requirements.lock" in text
    assert text.count("pip install") == 1  # no other package reaches the image


def test_the_image_has_a_healthcheck_an_init_and_stops_gracefully() -> None:
    text = _dockerfile()
    assert re.search(r"^HEALTHCHECK .*\n\s+CMD .*http://127\.0\.0\.1:8000/healthz", text, re.MULTILINE)
    assert 'ENTRYPOINT ["/usr/bin/tini", "--", "vaart"]' in text
    assert "STOPSIGNAL SIGTERM" in text
    assert 'CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]' in text
    for package in SOURCES:
        assert f"COPY {package} /app/{package}" in text


def test_the_image_has_pg_dump_of_the_servers_version() -> None:
    major = _pg_major_of_compose()
    text = _dockerfile()
    assert f"postgresql-client-{major} " in text
    assert f"VAART_PG_BIN=/usr/lib/postgresql/{major}/bin" in text


# -- the compose file -------------------------------------------------------------------------------
def test_compose_has_postgres_migrations_web_replicas_and_one_worker() -> None:
    services = _compose()["services"]
    assert set(services) == {"db", "migrate", "web", "worker", "proxy"}
    db = services["db"]
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert services["migrate"]["command"] == ["migrate"] and services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    web, worker = services["web"], services["worker"]
    assert web["command"][0] == "serve" and "replicas" in web["deploy"]
    assert worker["command"] == ["worker"] and worker["deploy"]["replicas"] == 1
    for service in (web, worker):
        assert service["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
        assert service["restart"] == "unless-stopped"


def test_compose_runs_vaart_locked_down_with_no_secret_default() -> None:
    services = _compose()["services"]
    for name in ("migrate", "web", "worker"):
        service = services[name]
        assert service["user"] == "10001:10001"
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"]
        assert service["security_opt"] == ["no-new-privileges:true"]
        assert service["env_file"] == [".env"]
        url = service["environment"]["VAART_DATABASE_URL"]
        assert url.startswith("postgresql+psycopg://vaart:${POSTGRES_PASSWORD:?") and url.endswith("@db:5432/vaart")
        assert service["environment"]["VAART_LOG_FORMAT"] == "json"
        assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}


def test_compose_lets_requests_and_the_round_in_progress_finish_on_stop() -> None:
    services = _compose()["services"]
    web_grace = int(services["web"]["stop_grace_period"].rstrip("s"))
    assert web_grace > 20  # VAART_SHUTDOWN_GRACE's default
    assert int(services["worker"]["stop_grace_period"].rstrip("s")) >= 30
    assert services["worker"]["healthcheck"]["test"] == ["CMD", "vaart", "check"]


def test_compose_publishes_nothing_beyond_127_0_0_1() -> None:
    services = _compose()["services"]
    for name, service in services.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)
    assert [s for s, service in services.items() if service.get("ports")] == ["proxy"]
    proxy = (DEPLOY / "nginx.conf").read_text()
    assert "set $vaart http://web:8000;" in proxy and "resolver 127.0.0.11" in proxy
    public = proxy.split("listen 8081")[0]
    assert re.search(r"location = /metrics \{\s+return 404;", public)  # metrics only on the monitoring port


# -- the env example ----------------------------------------------------------------------------------
def _settings_in_code() -> set[str]:
    names: set[str] = set()
    for package in SOURCES:
        for path in (ROOT / package).rglob("*.py"):
            names |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    return names


def test_the_env_example_lists_every_setting_the_code_reads() -> None:
    example = _example()
    used = _settings_in_code()
    assert len(used) > 40
    missing = sorted(used - set(example))
    assert missing == [], f"settings missing from deploy/vaart.env.example: {missing}"
    unknown = sorted(n for n in set(example) - used if not n.startswith("POSTGRES_")
                     and n not in ("VAART_IMAGE", "VAART_WEB_REPLICAS", "VAART_HTTP_PORT", "VAART_MONITOR_PORT"))
    assert unknown == [], f"deploy/vaart.env.example names settings nothing reads: {unknown}"
    text = (DEPLOY / "vaart.env.example").read_text().splitlines()
    setting = re.compile(r"(# )?[A-Z][A-Z0-9_]+=.*")
    for index, line in enumerate(text):  # every setting is explained by a comment in its block, above it
        if setting.fullmatch(line.strip()):
            above = []
            for row in reversed(text[:index]):
                if not row.strip():
                    break
                above.append(row)
            assert any(row.startswith("# ") and not setting.fullmatch(row) for row in above), line


def test_no_secret_has_a_default_in_the_env_example() -> None:
    secrets = {name: value for name, (value, _) in _example().items() if SECRET.search(name)}
    expected = {"POSTGRES_PASSWORD", "VAART_SMTP_PASSWORD", "VAART_GRAPH_CLIENT_SECRET", "SLACK_BOT_TOKEN",
                "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "TEAMS_CLIENT_SECRET", "TEAMS_CERTIFICATE_PASSWORD"}
    assert expected <= set(secrets)
    assert {name: value for name, value in secrets.items() if value} == {}


def test_the_env_example_as_it_is_starts_vaart(tmp_path: Path) -> None:
    from bot.bootstrap.app import build
    from bot.bootstrap.ops_settings import OpsSettings
    from bot.bootstrap.settings import Settings

    env = {name: value for name, (value, active) in _example().items() if active}
    env["VAART_VAR_DIR"] = str(tmp_path / "var")
    app = build(Settings.from_env(env))
    try:
        assert app.settings.mail.channel == "file"
        assert OpsSettings.from_env(env).retention_days == 365
    finally:
        app.close()


@pytest.mark.parametrize("name", ["Dockerfile", "compose.yaml", "nginx.conf", "vaart.env.example",
                                  "requirements.lock", "uv-bootstrap.lock", "lock.sh"])
def test_deploy_holds_its_files(name: str) -> None:
    assert (DEPLOY / name).is_file()
