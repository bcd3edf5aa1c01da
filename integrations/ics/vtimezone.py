"""The Europe/Amsterdam VTIMEZONE, written by hand in the RRULE style.

Outlook mishandles VTIMEZONEs that list every transition as RDATEs (what generators derive from
the tz database produce). A recurring meeting needs a VTIMEZONE, so vaart writes the one rule
that has held since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of
October 03:00, CET (+01:00) / CEST (+02:00), each as a yearly RRULE.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

TZID = "Europe/Amsterdam"


def amsterdam_vtimezone() -> Timezone:
    """A fresh VTIMEZONE component for Europe/Amsterdam with STANDARD and DAYLIGHT RRULEs."""
    timezone = Timezone()
    timezone.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime(1981, 3, 29, 2, 0, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("tzname", "CEST")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("tzname", "CET")
    timezone.add_component(daylight)
    timezone.add_component(standard)
    return timezone
