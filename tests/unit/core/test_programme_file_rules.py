"""Rules the programme file carries with their passage: the levels of role purity (§3.1, §3.2,
§3.4), the DIN of Bijlage 1 (every programmalijn with its subdoelen, inspanningen and effecten) and
the programme period (§8)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import Refused
from bot.domain.people import check_role_purity, new_person
from bot.domain.period import require_day, require_year
from bot.domain.programme import Programme


def purity(programme: Programme, *roles: str) -> Refused:
    with pytest.raises(Refused) as caught:
        new_person(programme, "x@regiodeal-zod.nl", "X", list(roles))
    return caught.value


class TestRolePurityAsThePlanDrawsTheLevels:
    """§3.1: "Op elk niveau van besturing is het niet toegestaan om meerdere functies tegelijkertijd te
    vervullen. Dit om (de schijn) van belangenverstrengeling en mogelijke beïnvloeding en/of
    bevoordeling te voorkomen." §3.4: "Het programmateam wordt gevormd door de programmadirecteur,
    de staf, het kernteam en het coördinatieteam"; "Het expertteam bestaat uit externe, onafhankelijk
    deskundigen inclusief een onafhankelijk en ervaren voorzitter"."""

    @pytest.mark.parametrize(
        "roles",
        [
            ("staf", "programmadirecteur"),
            ("kernteam", "programmadirecteur"),
            ("kernteam", "staf"),
            ("coordinatieteam", "kernteam"),
            ("expertteam", "expertteam_voorzitter"),
        ],
    )
    def test_two_functions_of_one_level_are_refused(self, programme: Programme, roles: tuple[str, str]) -> None:
        """§3.4: "Het programmateam wordt gevormd door de programmadirecteur, de staf, het kernteam en
        het coördinatieteam": one level, so one of these functions per person."""
        refusal = purity(programme, *roles)
        assert refusal.code == "roles.purity"
        assert refusal.params["source"].startswith("§3.4")

    @pytest.mark.parametrize(
        "other", ["staf", "coordinatieteam", "kernteam", "programmadirecteur", "stuurgroep", "ambtelijk_facilitator"]
    )
    @pytest.mark.parametrize("expert", ["expertteam", "expertteam_voorzitter"])
    def test_an_expert_or_the_chair_holds_no_other_function(
        self, programme: Programme, expert: str, other: str
    ) -> None:
        """§3.4: "Het expertteam bestaat uit externe, onafhankelijk deskundigen inclusief een
        onafhankelijk en ervaren voorzitter"."""
        refusal = purity(programme, expert, other)
        assert refusal.code == "roles.exclusive"
        assert "externe, onafhankelijk deskundigen" in refusal.params["source"]

    @pytest.mark.parametrize("member", ["programmadirecteur", "staf", "kernteam", "coordinatieteam"])
    def test_nobody_is_both_stuurgroep_and_programmateam(self, programme: Programme, member: str) -> None:
        """§3.2: "De programmadirecteur (opdrachtnemer) neemt de opdracht aan van de stuurgroep"; the
        programmateam "staat onder leiding van de programmadirecteur"."""
        refusal = purity(programme, "stuurgroep", member)
        assert refusal.code == "roles.incompatible_levels"
        assert refusal.params["source"].startswith("§3.2")

    @pytest.mark.parametrize(
        "roles",
        [("kernteam",), ("programmadirecteur",), ("expertteam_voorzitter",), ("stuurgroep",),
         ("kernteam", "ambtelijk_facilitator"), ("stuurgroep", "ambtelijk_facilitator")],
    )  # fmt: skip
    def test_one_function_per_level_where_nothing_else_forbids_it_is_allowed(
        self, programme: Programme, roles: tuple[str, ...]
    ) -> None:
        """§3.1: "Op elk niveau van besturing ..." one function per level, on different levels allowed."""
        assert check_role_purity(roles, programme) == list(roles)

    def test_every_level_in_the_programme_file_names_its_passage(self, programme: Programme) -> None:
        """§3.1-§3.4: the levels are the plan's, each with the passage it comes from."""
        levels = {spec.level for spec in programme.roles.values()}
        assert levels == {"programmateam", "toetsing", "bestuur", "ambtelijk"}
        for key in levels:
            assert programme.level(key).source.startswith("§3."), key
        assert programme.level("toetsing").exclusive
        assert {frozenset({"bestuur", "programmateam"})} == {c.members for c in programme.level_conflicts}

    def test_the_refusal_names_the_rule_in_dutch_and_in_english(self, programme: Programme) -> None:
        """§3.1 "Vervullen van meerdere functies tegelijkertijd": the refusal says which rule."""
        from bot.messages import render

        refusal = purity(programme, "staf", "programmadirecteur")
        dutch = render(refusal.code, "nl", **refusal.params)
        assert dutch.startswith("Rolzuiverheid (§3.1): op elk niveau van besturing")
        assert "Staf" in dutch and "Programmadirecteur" in dutch and "het programmateam" in dutch
        assert render(refusal.code, "en", **refusal.params).startswith("Role purity (§3.1)")


# The DIN table at the end of the seed (000_*, "Uitwerking Doelen-Inspanningen-Netwerk"), column by
# column as the seed prints it (cells joined where the seed breaks a line inside a cell).
SEED_INSPANNINGEN = {
    "Leven Lang Ontwikkelen": [
        "Passende opleidingen ontwikkelen voor toekomstige en zittende arbeidskrachten.",
        "Aanwezig potentieel aanboren en helpen ontwikkelen.",
        "Versterken en verbeteren grensoverschrijdend onderwijs.",
        "Meer jongeren en volwassenen een startkwalificatie.",
    ],
    "Zorg en Welzijn": [
        "Door-ontwikkelen gezinsaanpak.",
        "Door-ontwikkelen en versterken regionaal werkgeverschap in de zorg.",
        "Op preventie gericht.",
        "Stimuleren innovatieve toepassingen.",
        "Investeren in veerkrachtige gemeenschappen.",
        "Investeren in een kansrijke omgeving.",
    ],
    "Economische Structuurversterking": [
        "Vergroening en digitaliseren MKB.",
        "Stimuleren R&D in de regio.",
        "Investeren in opleiden personeel.",
    ],
    "Aantrekkelijke regio": [
        "Investeren in de leefbaarheid van de regio (voorzieningen zoals scholen, huisartsen, winkels, etc.).",
        "Investeren in cultuur.",
        "Investeren in het vermarkten van de regio (profilering).",
    ],
}
SEED_EFFECTEN = {
    "Leven Lang Ontwikkelen": [
        "Meer opgeleide volwassenen zijn beschikbaar voor de arbeidsmarkt.",
        "Minder (jongeren)werkloosheid.",
        "Verhogen van het opleidingsniveau in de regio.",
        "Arbeidspotentieel blijft beschikbaar in de regio.",
    ],
    "Zorg en Welzijn": [
        "Het aantal (mentaal) gezondere kinderen en ouderen is toegenomen.",
        "Meer inwoners kunnen langer thuis wonen.",
        "Meer mogelijkheden en keuzes.",
        "Iedereen doet mee: Toename van het gevoel van eigen verantwoordelijkheid en voor die van je omgeving.",
    ],
    "Economische Structuurversterking": [
        "Meer mensen en hebben een baan passend bij hun talent.",
        "Behouden van en toename van talenten in de regio.",
        "Behouden en creëren van toekomstbestendige banen.",
        "Arbeidsparticipatie neemt toe.",
        "Toekomstbestendige bedrijven.",
    ],
    "Aantrekkelijke regio": [
        "De leeftijdsopbouw in de regio is meer in balans .",
        "Meer professionals voor belangrijke sectoren zoals onderwijs, zorg, cultuur en wonen in de regio.",
        "Jongeren uit de regio blijven hier wonen.",
        "Meer mensen zijn trots op hun regio.",
        "Het zelfbewustzijn in de regio is gegroeid.",
    ],
}
# "Regio aan de grens" spans the first two columns, "Samen met inwoners" the last two.
SPANS = {
    "Regio aan de grens": ("Leven Lang Ontwikkelen", "Zorg en Welzijn"),
    "Samen met inwoners": ("Economische Structuurversterking", "Aantrekkelijke regio"),
}


def _bare(text: str) -> str:
    return text.rstrip(" .")


class TestTheDinOfTheProgrammeFile:
    """Bijlage 1 / §4.5: "Het DIN is bedoeld om inzicht te geven in de samenhang tussen de opgaven,
    doelen en inspanningen"; "De verandering die tot stand gebracht wordt (Doel) door te doen wat
    nodig is (Inspanningen) heeft invloed op het welzijn van mensen (Effect)"."""

    def test_every_programmalijn_carries_subdoelen_inspanningen_and_effecten(self, programme: Programme) -> None:
        """§4.5: Doel, Inspanningen, Effect for every programmalijn of the DIN."""
        assert set(programme.line_details) == {*SEED_INSPANNINGEN, *SPANS}
        for name, line in programme.line_details.items():
            assert line.subdoelen and line.inspanningen and line.effecten, name

    @pytest.mark.parametrize("name", sorted(SEED_INSPANNINGEN))
    def test_the_four_columns_are_the_seed_verbatim(self, programme: Programme, name: str) -> None:
        """Bijlage 1: the DIN table, column by column."""
        line = programme.line_details[name]
        assert list(line.inspanningen) == [_bare(t) for t in SEED_INSPANNINGEN[name]]
        assert list(line.effecten) == [_bare(t) for t in SEED_EFFECTEN[name]]

    @pytest.mark.parametrize("name", sorted(SPANS))
    def test_the_two_lines_of_the_second_row_carry_the_columns_they_span(self, programme: Programme, name: str) -> None:
        """Bijlage 1: "Regio aan de grens" and "Samen met inwoners" each span two columns of the table."""
        line = programme.line_details[name]
        first, second = SPANS[name]
        assert list(line.subdoelen) == [*programme.programme_lines[first], *programme.programme_lines[second]]
        assert list(line.inspanningen) == [_bare(t) for t in SEED_INSPANNINGEN[first] + SEED_INSPANNINGEN[second]]
        assert list(line.effecten) == [_bare(t) for t in SEED_EFFECTEN[first] + SEED_EFFECTEN[second]]

    def test_a_proposal_on_regio_aan_de_grens_can_link_its_subdoel(self, programme: Programme) -> None:
        """Bijlage 1: "De partijen stimuleren het versterken en verbeteren van grensoverschrijdend
        onderwijs" is a subdoel under Regio aan de grens."""
        from bot.domain.din import empty_din, link

        din, _ = link(empty_din(), programme, "programmalijn", "Regio aan de grens")
        din, name = link(din, programme, "subdoel", "grensoverschrijdend")
        assert name == "Versterken en verbeteren van grensoverschrijdend onderwijs"


class TestTheProgrammePeriod:
    """§8: "Het programma 'In volle vaart door voor brede welvaart' bestrijkt een periode van vier jaar
    (2023-2027). Per jaar wordt een planning opgesteld."."""

    def test_the_period_is_the_programme_files_looptijd(self, programme: Programme) -> None:
        """§8: "een periode van vier jaar (2023-2027)"."""
        assert programme.period == (2023, 2027)

    @pytest.mark.parametrize("day", [date(2023, 1, 1), date(2025, 6, 27), date(2027, 12, 31)])
    def test_a_day_inside_the_period_is_allowed(self, programme: Programme, day: date) -> None:
        """§8: "(2023-2027)"."""
        require_day(programme.period, day)

    @pytest.mark.parametrize("day", [date(2022, 12, 31), date(2028, 1, 1)])
    def test_a_day_outside_the_period_is_refused_with_the_period(self, programme: Programme, day: date) -> None:
        """§8: "(2023-2027)"."""
        with pytest.raises(Refused) as caught:
            require_day(programme.period, day)
        assert caught.value.code == "period.meeting" and caught.value.params["first"] == 2023
        with pytest.raises(Refused) as caught:
            require_year(programme.period, day.year)
        assert caught.value.code == "period.year"
