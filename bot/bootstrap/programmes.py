"""Which programmes one installation runs, and each one's settings: `VAART_PROGRAMMES`.

`VAART_PROGRAMMES` names programme files, comma-separated (a shipped name, `zod` or `vdg`, or a
path); the first is the default programme. Unset, the installation is exactly one programme, the one
`VAART_PROGRAMME` names (the shipped ZOD by default), with the settings it always had.

Every programme has a store of its own (tenant per schema: no query of one can see another's rows,
because they are not in its tables). The default programme's store is `VAART_DATABASE_URL` (or
`var/vaart.db`); a further programme CODE's is `VAART_<CODE>__VAART_DATABASE_URL` if given, else on
SQLite the sibling file `vaart-<code>.db`, on PostgreSQL the same database in the schema `<code>`.
For programme CODE any `VAART_<CODE>__NAME` overrides `NAME` (secrets too, still only from the
environment); a further programme's file outbox is `<outbox>/<code>` unless it says otherwise.

Only the files are read here (their `[programma]` code and reference prefix), so choosing a programme
(`vaart --programma VDG status ...`) costs no database library; a duplicate code or prefix, or a
file that cannot be read, stops the start with one sentence before any store is made.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bot.bootstrap.settings import Settings, programme_text
from bot.domain.errors import Refused

PROGRAMMES = "VAART_PROGRAMMES"
WEB_ROOT = "/programma"  # the further programmes' pages: /programma/<code>/..., the list at /programma
SHIPPED = ("zod", "vdg")  # bot/programme/<name>.toml
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]{0,30}")


@dataclass(frozen=True)
class ProgrammeEntry:
    code: str  # the file's [programma] code, as written (ZOD)
    name: str  # the file's [programma] naam
    prefix: str  # its referentie_prefix
    settings: Settings  # this programme's own settings (store, outbox, overrides)
    default: bool

    @property
    def slug(self) -> str:
        """The code in lower case: the schema, the sibling file, the outbox dir, the web path."""
        return self.code.lower()

    @property
    def web_prefix(self) -> str:
        """Where its web pages and calendar feeds live: the default at "/", the others under their code."""
        return "" if self.default else f"{WEB_ROOT}/{self.slug}"


def programme_entries(env: Mapping[str, str] | None = None) -> list[ProgrammeEntry]:
    """The installation's programmes in order, the default first, each with its settings."""
    source = dict(os.environ if env is None else env)
    listed = source.get(PROGRAMMES)
    if listed is None:
        settings = Settings.from_env(source)
        code, name, prefix = _heading(settings.programme_file, settings.programme_file)
        return [ProgrammeEntry(code, name, prefix, settings, True)]
    files = [part.strip() for part in listed.split(",") if part.strip()]
    if not files:
        raise Refused("installation.empty")
    headings = [(_resolve(given), given) for given in files]
    entries: list[ProgrammeEntry] = []
    seen_codes: dict[str, str] = {}
    seen_prefixes: dict[str, str] = {}
    default_settings: Settings | None = None
    for path, given in headings:
        code, name, prefix = _heading(path, Path(given))
        if not _CODE.fullmatch(code):
            raise Refused("installation.bad_code", file=given, given=code[:40])
        if code.upper() in seen_codes:
            raise Refused("installation.duplicate_code", first=seen_codes[code.upper()], second=given, programme=code)
        if prefix.upper() in seen_prefixes:
            raise Refused("installation.duplicate_prefix", first=seen_prefixes[prefix.upper()], second=given,
                          prefix=prefix)
        seen_codes[code.upper()], seen_prefixes[prefix.upper()] = given, given
        settings = Settings.from_env(_programme_env(source, code, path, default_settings))
        entries.append(ProgrammeEntry(code, name, prefix, settings, default_settings is None))
        default_settings = default_settings or settings
    return entries


def selected(entries: list[ProgrammeEntry], code: str | None) -> ProgrammeEntry:
    """The programme *code* names (any case), the default without one; an unknown code is refused."""
    if not code:
        return entries[0]
    for entry in entries:
        if entry.code.upper() == code.strip().upper():
            return entry
    raise Refused("installation.unknown_programme", given=code.strip()[:40], options=", ".join(e.code for e in entries))


def selected_settings(code: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """The settings of the programme *code* (`--programma`, `VAART_PROGRAMMA`), the default's without."""
    return selected(programme_entries(env), code).settings


def _resolve(given: str) -> Path:
    if given.lower() in SHIPPED:
        return Path(str(resources.files("bot.programme").joinpath(f"{given.lower()}.toml")))
    return Path(given)


def _heading(path: Path | None, shown: Path | None) -> tuple[str, str, str]:
    """The file's [programma] code, naam and referentie_prefix; an unreadable file is refused."""
    file = str(shown) if shown is not None else "zod.toml"
    try:
        programma = tomllib.loads(programme_text(path)).get("programma", {})
    except (OSError, UnicodeDecodeError) as problem:
        raise Refused("installation.unreadable", file=file, reason=type(problem).__name__,
                      shipped=", ".join(SHIPPED)) from problem
    except tomllib.TOMLDecodeError as problem:
        raise Refused("installation.unreadable", file=file, reason=str(problem)[:120],
                      shipped=", ".join(SHIPPED)) from problem
    code = str(programma.get("code", ""))
    if not code:
        raise Refused("installation.bad_code", file=file, given=code)
    return code, str(programma.get("naam", code)), str(programma.get("referentie_prefix", code))


def _programme_env(source: Mapping[str, str], code: str, path: Path, default: Settings | None) -> dict[str, str]:
    """The environment as programme *code* sees it: its `VAART_<CODE>__NAME` over `NAME`, its file,
    and (for a programme that is not the default) its own store and outbox unless it names them."""
    marker = f"VAART_{code.upper()}__"
    own = {name[len(marker):]: value for name, value in source.items() if name.startswith(marker) and name != marker}
    env = {**source, **own, "VAART_PROGRAMME": str(path)}
    if default is None:
        return env
    slug = code.lower()
    if "VAART_DATABASE_URL" not in own:
        env["VAART_DATABASE_URL"], schema = _sibling_store(default.database_url, slug)
        if schema and "VAART_DATABASE_SCHEMA" not in own:
            env["VAART_DATABASE_SCHEMA"] = schema
    if "VAART_OUTBOX_DIR" not in own:
        env["VAART_OUTBOX_DIR"] = str(default.outbox_dir / slug)
    return env


def _sibling_store(default_url: str, slug: str) -> tuple[str, str | None]:
    """SQLite: the file `vaart-<slug>.db` beside the default's; PostgreSQL: the same database, its schema."""
    from sqlalchemy.engine import make_url  # only here: the light path of the CLI stays without it

    url = make_url(default_url)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:":
            return default_url, None
        sibling = Path(database).with_name(f"vaart-{slug}.db")
        return url.set(database=str(sibling)).render_as_string(hide_password=False), None
    return default_url, slug


def public_url(url: str) -> str:
    """A store's URL to show: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
