"""The generated calendars survive a real CalDAV server.

A Radicale server is started on 127.0.0.1 (a free port, a temporary storage folder, no
authentication), every event of the 2024 and 2025 calendars is PUT into a calendar collection per
gremium, and REPORT (calendar-query and calendar-multiget) must give each one back unchanged:
same UID, DTSTART, DTEND, RRULE, EXDATE, RDATE, SUMMARY and DESCRIPTION. The server also has to
agree on the recurrence: a time-range query over the summer weeks finds no kernteam meeting.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from icalendar import Calendar, Event

from integrations.ics.calendars import export_calendars
from tests.unit.scheduling.zod import raw_config

NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}
USER = "vaart"
STAMP = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
COMPARED = ("UID", "DTSTART", "DTEND", "RRULE", "EXDATE", "RDATE", "SUMMARY", "DESCRIPTION", "SEQUENCE")


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            httpx.get(url + "/.web/", timeout=1.0)
            return True
        except httpx.TransportError:
            time.sleep(0.1)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("radicale")
    log = root / "radicale.log"
    for _attempt in range(3):  # a free port can be taken between probing and binding: try again
        port = _free_port()
        config = root / "config"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{port}\n"
            "[auth]\n"
            "type = none\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {root / 'collections'}\n"
            "[web]\n"
            "type = none\n"
            "[logging]\n"
            "level = warning\n",
            encoding="utf-8",
        )
        with log.open("ab") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(config)],
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=root,
            )
        url = f"http://127.0.0.1:{port}"
        if _wait_until_serving(url, process):
            try:
                yield Server(url, process)
            finally:
                _stop(process)
            return
        _stop(process)
    pytest.fail("Radicale did not start:\n" + log.read_text(encoding="utf-8", errors="replace"))


@pytest.fixture(scope="module")
def client(radicale: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=radicale.url, auth=(USER, "geheim"), timeout=10.0) as http:
        yield http


def _single_event_calendar(source: Calendar, event: Event) -> bytes:
    """One calendar object resource: the event with the source's VTIMEZONE (RFC 4791 5.3.2)."""
    resource = Calendar()
    resource.add("prodid", source["PRODID"])
    resource.add("version", "2.0")
    for timezone in source.timezones:
        resource.add_component(timezone)
    resource.add_component(event)
    data: bytes = resource.to_ical()
    return data


def _fingerprint(event: Event) -> dict[str, Any]:
    """What must survive the round trip, in parsed (not textual) form."""
    result: dict[str, Any] = {}
    for name in COMPARED:
        if name not in event:
            result[name] = None
        elif name in ("EXDATE", "RDATE"):
            values = event[name] if isinstance(event[name], list) else [event[name]]
            result[name] = sorted(d.dt for value in values for d in value.dts)
        elif name == "RRULE":
            result[name] = event[name].to_ical()
        else:
            result[name] = event.decoded(name)
    return result


def _report(client: httpx.Client, path: str, body: str) -> dict[str, Calendar]:
    response = client.request(
        "REPORT",
        path,
        content=body.encode("utf-8"),
        headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
    )
    assert response.status_code == 207, response.text
    found: dict[str, Calendar] = {}
    for item in ET.fromstring(response.content).findall("d:response", NS):
        href = item.findtext("d:href", namespaces=NS)
        data = item.findtext("d:propstat/d:prop/c:calendar-data", namespaces=NS)
        if href and data:
            found[href] = Calendar.from_ical(data)
    return found


QUERY_ALL = """<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter>
</c:calendar-query>"""

QUERY_RANGE = """<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
    <c:time-range start="{start}" end="{end}"/>
  </c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>"""


def _multiget(hrefs: list[str]) -> str:
    refs = "".join(f"<d:href>{href}</d:href>" for href in hrefs)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{refs}</c:calendar-multiget>"
    )


@pytest.fixture(scope="module")
def uploaded(client: httpx.Client, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Event]]:
    """Every event of the 2024 and 2025 calendars, PUT into /vaart/<gremium>-<year>/; per collection
    path, the events by resource href."""
    out = tmp_path_factory.mktemp("ics")
    collections: dict[str, dict[str, Event]] = {}
    for year in (2024, 2025):
        for path in export_calendars(raw_config(), year, out, STAMP):
            source = Calendar.from_ical(path.read_bytes())
            collection = f"/{USER}/{path.stem}/"
            response = client.request("MKCALENDAR", collection)
            assert response.status_code == 201, response.text
            events: dict[str, Event] = {}
            for event in source.events:
                href = collection + quote(str(event["UID"]), safe="") + ".ics"
                response = client.put(
                    href,
                    content=_single_event_calendar(source, event),
                    headers={"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
                )
                assert response.status_code == 201, response.text
                events[href] = event
            collections[collection] = events
    return collections


def test_every_event_comes_back_unchanged_from_a_calendar_query(
    client: httpx.Client, uploaded: dict[str, dict[str, Event]]
) -> None:
    # each year: two series, 6 joint meetings, 2 stuurgroep, 4 cockpit, 4 week-only (2025 from the
    # calendar's rules, as Bijlage 2 gives only 2024)
    assert sum(len(events) for events in uploaded.values()) == 36
    for collection, events in uploaded.items():
        found = _report(client, collection, QUERY_ALL)
        assert set(found) == set(events), collection
        for href, event in events.items():
            [back] = found[href].events
            assert _fingerprint(back) == _fingerprint(event), href


def test_every_event_comes_back_unchanged_from_a_calendar_multiget(
    client: httpx.Client, uploaded: dict[str, dict[str, Event]]
) -> None:
    for collection, events in uploaded.items():
        if not events:
            continue
        found = _report(client, collection, _multiget(sorted(events)))
        assert set(found) == set(events)
        for href, event in events.items():
            [back] = found[href].events
            assert _fingerprint(back) == _fingerprint(event)


def test_the_series_keeps_its_rrule_exdates_and_timezone_on_the_server(
    client: httpx.Client, uploaded: dict[str, dict[str, Event]]
) -> None:
    collection = f"/{USER}/zod-coordinatieteam-2024/"
    [(href, _)] = uploaded[collection].items()
    found = _report(client, collection, _multiget([href]))
    calendar = found[href]
    [event] = calendar.events
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20241212T123000Z;INTERVAL=2;BYDAY=TH"
    assert len([d for value in [event["EXDATE"]] for d in value.dts]) == 8
    [timezone] = calendar.timezones
    assert all("RRULE" in part and "RDATE" not in part for part in timezone.subcomponents)


def test_the_server_finds_no_kernteam_meeting_in_the_summer_weeks(
    client: httpx.Client, uploaded: Any
) -> None:
    collection = f"/{USER}/zod-kernteam-2024/"
    summer = _report(client, collection, QUERY_RANGE.format(start="20240729T000000Z", end="20240825T000000Z"))
    assert summer == {} or all(not calendar.events for calendar in summer.values())
    response = client.request(
        "REPORT",
        collection,
        content=QUERY_RANGE.format(start="20240826T000000Z", end="20240901T000000Z").encode(),
        headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
    )
    assert response.status_code == 207
    hrefs = [h.text for h in ET.fromstring(response.content).iter("{DAV:}href")]
    assert hrefs == [collection + quote("zod-kernteam-reeks-2024@regiodeal-zod.nl", safe="") + ".ics"]


def test_every_exported_file_imports_whole_including_a_gremium_without_meetings(
    client: httpx.Client, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A subscriber's server takes each file as one calendar (PUT on a collection), the empty
    stuurgroep calendar of 2025 (its VTIMEZONE the one component) as well, and serves its events."""
    out = tmp_path_factory.mktemp("whole")
    for path in export_calendars(raw_config(), 2025, out, STAMP):
        source = Calendar.from_ical(path.read_bytes())
        assert source.subcomponents, path.name
        collection = f"/{USER}/whole-{path.stem}/"
        response = client.put(collection, content=path.read_bytes(),
                              headers={"Content-Type": "text/calendar; charset=utf-8"})
        assert response.status_code == 201, response.text
        served = Calendar.from_ical(client.get(collection).content)
        assert sorted(str(e["UID"]) for e in served.events) == sorted(str(e["UID"]) for e in source.events)
