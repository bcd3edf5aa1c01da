"""Each programme's settings in an installation with several (`bot.bootstrap.programmes`): the
default keeps today's store and outbox, a further one gets its own (sibling SQLite file, or the same
PostgreSQL database in its own schema), and `VAART_<CODE>__NAME` overrides `NAME` for that programme
only, secrets included. Only the programme files are read: no store is opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap.programmes import programme_entries, selected, selected_settings
from bot.domain.errors import Refused
from storage.engine import check_schema


def test_the_default_keeps_todays_store_and_a_further_programme_gets_a_sibling_file(tmp_path: Path) -> None:
    zod, vdg = programme_entries({"VAART_VAR_DIR": str(tmp_path), "VAART_PROGRAMMES": "zod, vdg"})
    assert (zod.code, zod.default, zod.web_prefix) == ("ZOD", True, "")
    assert (vdg.code, vdg.default, vdg.web_prefix, vdg.prefix) == ("VDG", False, "/programma/vdg", "VDG")
    assert zod.settings.database_url == f"sqlite:///{tmp_path / 'vaart.db'}"
    assert vdg.settings.database_url == f"sqlite:///{tmp_path / 'vaart-vdg.db'}"
    assert zod.settings.outbox_dir == tmp_path / "outbox" and vdg.settings.outbox_dir == tmp_path / "outbox" / "vdg"
    assert vdg.settings.programme_file is not None and vdg.settings.programme_file.name == "vdg.toml"


def test_on_postgresql_a_further_programme_is_the_same_database_in_its_own_schema() -> None:
    url = "postgresql+psycopg://vaart:geheim@db/vaart"
    zod, vdg = programme_entries({"VAART_DATABASE_URL": url, "VAART_PROGRAMMES": "zod,vdg"})
    assert zod.settings.database_url == vdg.settings.database_url == url
    assert zod.settings.database_schema is None and vdg.settings.database_schema == "vdg"


def test_a_programmes_own_variables_override_the_common_ones_for_it_alone(tmp_path: Path) -> None:
    env = {
        "VAART_VAR_DIR": str(tmp_path), "VAART_PROGRAMMES": "zod,vdg",
        "SLACK_KERNTEAM_CHANNEL": "C-ZOD", "VAART_VDG__SLACK_KERNTEAM_CHANNEL": "C-VDG",
        "VAART_VDG__VAART_SMTP_PASSWORD": "vdg-geheim", "VAART_SMTP_PASSWORD": "zod-geheim",
        "VAART_VDG__VAART_DATABASE_URL": "postgresql+psycopg://vdg@db/vdg",
        "VAART_VDG__VAART_OUTBOX_DIR": str(tmp_path / "vdg-post"),
        "VAART_ZOD__VAART_LANGUAGE": "en",
    }
    zod, vdg = programme_entries(env)
    assert zod.settings.slack_kernteam_channel == "C-ZOD" and vdg.settings.slack_kernteam_channel == "C-VDG"
    assert zod.settings.secret("VAART_SMTP_PASSWORD") == "zod-geheim"
    assert vdg.settings.secret("VAART_SMTP_PASSWORD") == "vdg-geheim"
    assert vdg.settings.database_url == "postgresql+psycopg://vdg@db/vdg" and vdg.settings.database_schema is None
    assert vdg.settings.outbox_dir == tmp_path / "vdg-post"
    assert zod.settings.language == "en" and vdg.settings.language is None


def test_without_vaart_programmes_there_is_one_programme_with_todays_settings(tmp_path: Path) -> None:
    (only,) = programme_entries({"VAART_VAR_DIR": str(tmp_path)})
    assert (only.code, only.default, only.settings.programme_file) == ("ZOD", True, None)
    assert selected_settings("zod", {"VAART_VAR_DIR": str(tmp_path)}).database_url.endswith("/vaart.db")
    with pytest.raises(Refused) as refused:
        selected([only], "VDG")
    assert refused.value.code == "installation.unknown_programme"


def test_schema_names_are_the_lower_case_codes_and_nothing_that_needs_quoting() -> None:
    assert check_schema("vdg") == "vdg"
    for bad in ("VDG", "vdg; drop table ideas", "1vdg", "", "a" * 64):
        with pytest.raises(ValueError):
            check_schema(bad)
