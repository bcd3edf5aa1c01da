"""The programme cycle's pure rules: reporting moments and their windows, the beschikking against
the allocation, the communicatiekalender's audiences, channels and times."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from bot.bootstrap.settings import load_programme
from bot.domain.errors import Refused
from bot.domain.execution import (
    Moment,
    ReportingPolicy,
    check_audience_channel,
    check_beschikking,
    check_plan_time,
    check_realisation,
    next_moment,
    open_moment,
    organisation_key,
    parse_audience,
    parse_channel,
    parse_moment,
)
from bot.domain.timezone import AMSTERDAM
from bot.programme.calendar import ConfigError
from bot.programme.execution import parse_execution_config

POLICY = ReportingPolicy()
PERIOD = (2023, 2027)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


def test_the_default_moments_are_march_and_september_asked_two_weeks_and_reminded_one_week_before() -> None:
    march = parse_moment("2027-03", POLICY, PERIOD)
    assert march.ask_at(POLICY) == at("2027-02-15T09:00")
    assert march.remind_at(POLICY) == at("2027-02-22T09:00")
    assert march.label("nl") == "maart 2027" and march.label("en") == "March 2027"
    assert next_moment(POLICY, march) == Moment(2027, 9)
    assert next_moment(POLICY, Moment(2026, 9)) == Moment(2027, 3)


def test_a_report_belongs_to_the_moment_whose_window_is_open() -> None:
    assert open_moment(POLICY, at("2027-02-15T08:59"), PERIOD) == Moment(2026, 9)
    assert open_moment(POLICY, at("2027-02-15T09:00"), PERIOD) == Moment(2027, 3)
    assert open_moment(POLICY, at("2027-08-17T12:00"), PERIOD) == Moment(2027, 3)
    assert open_moment(POLICY, at("2027-08-18T09:00"), PERIOD) == Moment(2027, 9)
    assert open_moment(POLICY, at("2023-01-10T12:00"), PERIOD) is None


@pytest.mark.parametrize(("text", "code"), [
    ("2027-3", "progress.moment.malformed"), ("maart", "progress.moment.malformed"),
    ("２０２７-03", "progress.moment.malformed"), ("2027-04", "progress.moment.not_configured"),
    ("2028-03", "progress.moment.outside_period"), ("2022-09", "progress.moment.outside_period"),
])
def test_a_moment_out_of_range_is_refused(text: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_moment(text, POLICY, PERIOD)
    assert refused.value.code == code


def test_a_beschikking_never_exceeds_the_allocation_nor_a_realisation_the_beschikking() -> None:
    check_beschikking("P", Decimal("45000.00"), Decimal("45000.00"))
    with pytest.raises(Refused, match=r"beschikking\.above_allocation"):
        check_beschikking("P", Decimal("45000.01"), Decimal("45000.00"))
    with pytest.raises(Refused, match=r"beschikking\.no_allocation"):
        check_beschikking("P", Decimal("1.00"), Decimal("0.00"))
    check_realisation("P", Decimal("10.00"), Decimal("40.00"), Decimal("30.00"))
    with pytest.raises(Refused, match=r"beschikking\.realisation_above"):
        check_realisation("P", Decimal("10.01"), Decimal("40.00"), Decimal("30.00"))
    with pytest.raises(Refused, match=r"beschikking\.missing"):
        check_realisation("P", Decimal("1.00"), None, Decimal("0.00"))


def test_audiences_are_a_gremium_every_indiener_or_a_channels_address() -> None:
    roles = ("kernteam", "stuurgroep")
    assert parse_audience("Stuurgroep", roles).key == "gremium:stuurgroep"
    assert parse_audience("gremium:kernteam", roles).key == "gremium:kernteam"
    assert parse_audience("indieners", roles).key == "indieners"
    assert parse_audience("kanaal:nieuws@regiodeal-zod.nl", roles).key == "kanaal:nieuws@regiodeal-zod.nl"
    for bad in ("iedereen", "kanaal:geen-adres", "gremium:bestuur"):
        with pytest.raises(Refused, match=r"communication\.audience\.unknown"):
            parse_audience(bad, roles)
    assert parse_channel("Mail") == "mail"
    with pytest.raises(Refused, match=r"communication\.channel\.unknown"):
        parse_channel("fax")


def test_an_item_is_planned_in_the_future_and_inside_the_looptijd() -> None:
    now = at("2027-01-05T09:00")
    check_plan_time(at("2027-01-05T09:01"), now, PERIOD)
    with pytest.raises(Refused, match=r"communication\.in_past"):
        check_plan_time(now, now, PERIOD)
    with pytest.raises(Refused, match=r"communication\.outside_period"):
        check_plan_time(at("2028-01-02T09:00"), now, PERIOD)


def test_the_programme_file_sets_the_moments_and_the_communicators_role() -> None:
    programme = load_programme()
    config = parse_execution_config(programme.raw)
    assert config.reporting == POLICY and config.communicator_role == "communicatiemedewerker"
    assert programme.role_name("communicatiemedewerker") == "Communicatiemedewerker"
    with pytest.raises(ConfigError, match="momenten"):
        parse_execution_config({**programme.raw, "voortgang": {"momenten": [13]}})
    with pytest.raises(ConfigError, match="herinneren_dagen_voor"):
        parse_execution_config({**programme.raw, "voortgang": {"vragen_dagen_voor": 7, "herinneren_dagen_voor": 7}})
    with pytest.raises(ConfigError, match="rol"):
        parse_execution_config({**programme.raw, "communicatie": {"rol": "pers"}})


def test_a_slack_or_teams_channel_by_name_is_an_audience_reached_in_chat_only() -> None:
    roles = ["stuurgroep", "kernteam"]
    slack = parse_audience("kanaal:slack:#RegioDeal-nieuws", roles)
    assert (slack.key, slack.platform, slack.channel_name) == (
        "kanaal:slack:#regiodeal-nieuws", "slack", "#regiodeal-nieuws")
    assert parse_audience("slack:regiodeal-nieuws", roles).key == "kanaal:slack:#regiodeal-nieuws"
    teams = parse_audience("channel:teams:Nieuws", roles)
    assert (teams.platform, teams.channel_name) == ("teams", "nieuws")
    assert parse_audience("kanaal:nieuws@regiodeal-zod.nl", roles).platform is None
    for bad in ("kanaal:slack:#", "kanaal:slack:#niet!goed", "kanaal:teams:", "kanaal:discord:nieuws"):
        with pytest.raises(Refused, match=r"communication\.audience\.unknown"):
            parse_audience(bad, roles)
    check_audience_channel(slack, "chat")
    with pytest.raises(Refused, match=r"communication\.audience\.chat_only"):
        check_audience_channel(teams, "mail")
    check_audience_channel(parse_audience("stuurgroep", roles), "mail")


def test_organisations_compare_as_the_2021_tables_and_the_people_store_write_them() -> None:
    assert organisation_key("gem. Emmen") == organisation_key("Gemeente  Emmen") == "gemeente emmen"
    assert organisation_key("prov. Drenthe") == "provincie drenthe"
    assert organisation_key(None) == "" and organisation_key("Treant") == "treant"
