"""Operational settings (logging, the worker's rhythm, retention, backups), read from the same
environment as `bot.bootstrap.settings.Settings`; every one is listed in deploy/vaart.env.example.

Kept apart from `Settings` like `bot.bootstrap.mail_settings`, so operating vaart can be tuned without touching
the core settings. None of these is a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.domain.errors import Refused

LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class OpsSettings:
    log_format: str = "text"  # VAART_LOG_FORMAT: json in containers (one object per line), text on a terminal
    log_level: str | None = None  # VAART_LOG_LEVEL: DEBUG, INFO, WARNING; default per command
    retention_days: int = 365  # VAART_RETENTION_DAYS: delivered messages and remembered requests are purged after
    outbox_interval: float = 10.0  # VAART_WORKER_OUTBOX_INTERVAL: seconds between outbox rounds
    reminder_interval: float = 60.0  # VAART_WORKER_REMINDER_INTERVAL: seconds between reminder rounds
    lock_interval: float = 5.0  # VAART_WORKER_LOCK_INTERVAL: a standby tries the lock, the leader beats, so often
    delivery_threads: int = 8  # VAART_WORKER_DELIVERY_THREADS: recipients served side by side by the outbox
    shutdown_grace: float = 20.0  # VAART_SHUTDOWN_GRACE: seconds `vaart serve` lets requests finish on SIGTERM
    backup_dir: Path | None = None  # VAART_BACKUP_DIR: where `vaart backup` writes; default $VAART_VAR_DIR/backups
    pg_bin: Path | None = None  # VAART_PG_BIN: directory of pg_dump/pg_restore; default the server's version
    # VAART_OUTBOX_RETRY_HORIZON: how long a failing message is tried ("1": working days, "4h": hours)
    retry_horizon: str | None = None
    retry_max_delay: float = 900.0  # VAART_OUTBOX_RETRY_MAX_DELAY: seconds; the backoff grows to this
    notice_window: float = 900.0  # VAART_OUTBOX_NOTICE_WINDOW: seconds a staf notice waits for more dead letters

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> OpsSettings:
        log_format = (env.get("VAART_LOG_FORMAT") or "text").strip().lower()
        if log_format not in LOG_FORMATS:
            raise Refused("ops.bad_setting", name="VAART_LOG_FORMAT", value=log_format, choices=", ".join(LOG_FORMATS))
        level = (env.get("VAART_LOG_LEVEL") or "").strip().upper() or None
        if level is not None and level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise Refused("ops.bad_setting", name="VAART_LOG_LEVEL", value=level, choices="DEBUG, INFO, WARNING, ERROR")
        backup_dir = env.get("VAART_BACKUP_DIR")
        pg_bin = env.get("VAART_PG_BIN")
        return cls(
            log_format=log_format,
            log_level=level,
            retention_days=int(_number(env, "VAART_RETENTION_DAYS", 365, minimum=1)),
            outbox_interval=_number(env, "VAART_WORKER_OUTBOX_INTERVAL", 10.0, minimum=0.05),
            reminder_interval=_number(env, "VAART_WORKER_REMINDER_INTERVAL", 60.0, minimum=0.05),
            lock_interval=_number(env, "VAART_WORKER_LOCK_INTERVAL", 5.0, minimum=0.05),
            delivery_threads=int(_number(env, "VAART_WORKER_DELIVERY_THREADS", 8, minimum=1)),
            shutdown_grace=_number(env, "VAART_SHUTDOWN_GRACE", 20.0, minimum=0),
            backup_dir=Path(backup_dir).resolve() if backup_dir else None,
            pg_bin=Path(pg_bin) if pg_bin else None,
            retry_horizon=(env.get("VAART_OUTBOX_RETRY_HORIZON") or "").strip() or None,
            retry_max_delay=_number(env, "VAART_OUTBOX_RETRY_MAX_DELAY", 900.0, minimum=1),
            notice_window=_number(env, "VAART_OUTBOX_NOTICE_WINDOW", 900.0, minimum=0),
        )


def _number(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise Refused("delivery.not_a_number", name=name, value=raw) from None
    if value < minimum:
        raise Refused("ops.too_small", name=name, value=raw, minimum=f"{minimum:g}")
    return value
