"""The SMTP channel against a real SMTP server (aiosmtpd on 127.0.0.1, started here).

Invitations, updates and cancellations arrive as iMIP mails; the tests parse them with `email`
and `icalendar` and check the MIME type, METHOD, UID, SEQUENCE, ATTENDEE and ORGANIZER. STARTTLS,
implicit TLS and AUTH use a self-signed certificate made in the test. Bad input goes to the dead
letters with its reason, the staf are told, and the rest of the outbox keeps flowing.
"""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.services.ports.outbox import OutboxItem
from integrations.file_outbox import FileOutbox, safe_name
from integrations.ics.invites import Participant
from integrations.mail_payload import Limits
from integrations.mime import message_id
from integrations.smtp import SmtpChannel
from scheduling.dead_letters import NOTICE_KIND, staf_notifier
from scheduling.outbox import OutboxRunner
from tests.cast import EMAIL
from tests.mailserver import HOST, Recorder, client_context, free_port, self_signed, server_context, smtp_server
from tests.outbox_rows import ATTENDEES, MEETING_START, enqueue, invite_rows, mail, row, statuses, tracker

SENDER = "programmabureau@regiodeal-zod.nl"


def runner(app: App, channel: SmtpChannel) -> OutboxRunner:
    return OutboxRunner(app.engine, {"mail": channel}, app.clock, on_dead=staf_notifier("mail"))


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed(tmp_path)


def calendar_part(message: EmailMessage) -> EmailMessage:
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html", "text/calendar"]
    part = parts[-1]
    assert isinstance(part, EmailMessage)
    return part


def test_invites_updates_and_cancellations_arrive_as_imip_mails(app: App) -> None:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    meeting = tracker()
    recipients = [a.email for a in ATTENDEES]
    moved = MEETING_START + timedelta(days=1)
    with smtp_server() as server:
        channel = SmtpChannel(HOST, server.port, SENDER, security="none")
        outbox = runner(app, channel)
        versions = []
        for method, build in (
            ("REQUEST", lambda: meeting.invite(clock.now())),
            ("REQUEST", lambda: meeting.move(moved, moved + timedelta(hours=2), clock.now())),
            ("CANCEL", lambda: meeting.cancel(clock.now())),
        ):
            ics = build()
            for outbound in invite_rows(meeting, ics, method, recipients):
                enqueue(app.engine, outbound, clock.now())
            versions.append((method, meeting.sequence))
            assert len(outbox.drain().sent) == len(recipients)
            clock.advance(timedelta(hours=1))
        channel.close()
        received = server.messages()

    assert len(received) == 9 and statuses(app.engine) == {"sent": 9}
    by_key = {r.key: r for r in received}
    for method, sequence in versions:
        for email in recipients:
            key = f"invite:{meeting.uid}:{sequence}:{method}:{email}"
            got = by_key[key]
            message = got.message
            assert got.rcpt_tos == [email] and got.mail_from == SENDER
            assert message["Message-ID"] == message_id(key)
            assert message.get_content_type() == "multipart/alternative"
            part = calendar_part(message)
            assert part.get_param("method") == method
            assert f"Content-Type: text/calendar; method={method}; charset=UTF-8".encode() in got.data
            calendar = Calendar.from_ical(part.get_content())
            assert calendar["METHOD"] == method
            event = calendar.walk("VEVENT")[0]
            assert str(event["UID"]) == meeting.uid
            assert int(event["SEQUENCE"]) == sequence
            assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
            attendees = event["ATTENDEE"]
            assert sorted(str(a) for a in attendees) == sorted(f"mailto:{e}" for e in recipients)
            if method == "CANCEL":
                assert str(event["STATUS"]) == "CANCELLED"
            if sequence == 1:
                assert event.decoded("DTSTART") == moved
    assert [s for _, s in versions] == [0, 1, 2]


def row_item(app: App, key: str) -> OutboxItem:
    r = row(app.engine, key)
    return OutboxItem(r["id"], r["key"], r["channel"], r["recipient"], r["subject"], r["body"], dict(r["payload"]),
                      r["attempts"], r["created_at"])


def test_starttls_and_login_deliver_over_one_connection(app: App, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    with smtp_server(starttls=server_context(cert, key), users={"vaart": "geheim-wachtwoord"}) as server:
        channel = SmtpChannel(HOST, server.port, SENDER, security="starttls", user="vaart",
                              password="geheim-wachtwoord", ssl_context=client_context(cert))
        assert channel.check()[0]
        for n in range(3):
            enqueue(app.engine, mail(f"m{n}", f"p{n}@voorbeeld.nl"), app.clock.now())
        assert len(runner(app, channel).drain().sent) == 3
        channel.close()
        received = server.messages()
    assert [r.login for r in received] == ["vaart"] * 3
    assert "geheim-wachtwoord" not in repr(channel)


def test_implicit_tls(app: App, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    with smtp_server(implicit_tls=server_context(cert, key)) as server:
        channel = SmtpChannel(HOST, server.port, SENDER, security="tls", ssl_context=client_context(cert))
        enqueue(app.engine, mail("tls", "p@voorbeeld.nl"), app.clock.now())
        assert len(runner(app, channel).drain().sent) == 1
        channel.close()
        assert len(server.messages()) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_over_plain_when_the_server_allows_it(app: App) -> None:
    with smtp_server(users={"vaart": "pw"}, auth_require_tls=False) as server:
        channel = SmtpChannel(HOST, server.port, SENDER, security="none", user="vaart", password="pw")
        enqueue(app.engine, mail("plain", "p@voorbeeld.nl"), app.clock.now())
        assert len(runner(app, channel).drain().sent) == 1
        channel.close()
        assert [r.login for r in server.messages()] == ["vaart"]


def test_a_refused_login_or_an_untrusted_certificate_is_dead_at_once(app: App, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    with smtp_server(starttls=server_context(cert, key), users={"vaart": "goed"}) as server:
        wrong = SmtpChannel(HOST, server.port, SENDER, security="starttls", user="vaart", password="fout",
                            ssl_context=client_context(cert))
        enqueue(app.engine, mail("wrong-password", "p@voorbeeld.nl"), app.clock.now())
        assert len(runner(app, wrong).run_once().dead) == 1
        untrusted = SmtpChannel(HOST, server.port, SENDER, security="starttls", user="vaart", password="goed")
        enqueue(app.engine, mail("untrusted", "p@voorbeeld.nl"), app.clock.now())
        assert len(runner(app, untrusted).run_once().dead) == 1
        assert server.messages() == []
    assert "535" in row(app.engine, "wrong-password")["last_error"]
    assert "certificate" in row(app.engine, "untrusted")["last_error"]


def test_bad_input_is_dead_lettered_with_its_reason_the_staf_is_told_and_the_rest_flows(any_app: App) -> None:
    app = any_app
    clock = app.clock
    assert isinstance(clock, ManualClock)
    app.people.add("beheer@vaart.local", "test", EMAIL["staf"], "Sanne Staf", ["staf"])
    now = clock.now()
    crowd = tracker("groot-overleg@regiodeal-zod.nl", [Participant(f"p{n}@voorbeeld.nl") for n in range(5)])
    bad = {
        "malformed": mail("malformed", "anna at voorbeeld.nl"),
        "unknown": mail("unknown", "niemand@bestaat-niet.nl"),
        "crowd": invite_rows(crowd, crowd.invite(now), "REQUEST", ["p0@voorbeeld.nl"])[0],
        "large": mail("large", "p@voorbeeld.nl", body="x" * 30_000),
    }
    for message in bad.values():
        enqueue(app.engine, message, now)
    enqueue(app.engine, mail("later", "later@voorbeeld.nl"), now)
    for n in range(3):
        enqueue(app.engine, mail(f"good{n}", f"goed{n}@voorbeeld.nl"), now)
    recorder = Recorder(refuse={"niemand@bestaat-niet.nl": "550 5.1.1 <niemand@bestaat-niet.nl>: no such user",
                                "later@voorbeeld.nl": "451 4.3.0 mailbox busy, try later"})
    with smtp_server(recorder=recorder) as server:
        channel = SmtpChannel(HOST, server.port, SENDER, security="none",
                              limits=Limits(max_attendees=3, max_bytes=20_000))
        outbox = runner(app, channel)
        report = outbox.run_once()
        assert {i.key for i in report.dead} == {m.key for m in bad.values()}
        assert {i.key for i in report.sent} == {"good0", "good1", "good2"}
        assert [i.key for i in report.retried] == ["later"]
        assert isinstance(app.clock, ManualClock)
        app.clock.advance(timedelta(minutes=15))  # the notice waits that long for more dead letters
        notices = outbox.drain()  # the staf's notice is an outbox message itself
        channel.close()
        received = server.messages()
    reasons = {name: str(row(app.engine, m.key)["last_error"]) for name, m in bad.items()}
    assert "malformed recipient address" in reasons["malformed"]
    assert "550 5.1.1" in reasons["unknown"]
    assert "5 attendees is over the limit of 3" in reasons["crowd"]
    assert "over the limit of 20000 bytes" in reasons["large"]
    assert all(row(app.engine, m.key)["status"] == "dead" for m in bad.values())
    later = row(app.engine, "later")
    assert later["status"] == "pending" and later["attempts"] == 2 and "451" in later["last_error"]  # again at +15 min
    told = [r for r in received if r.rcpt_tos == [EMAIL["staf"]]]
    assert len(told) == 1 and len(notices.sent) == 1  # one notice for the four, not four
    assert notices.sent[0].payload["kind"] == NOTICE_KIND and notices.sent[0].payload["count"] == 4
    bodies = "\n".join(r.message.get_body(preferencelist=("plain",)).get_content() for r in told)  # type: ignore[union-attr]
    assert "vaart outbox retry" in bodies and "550 5.1.1" in bodies
    assert sorted(r.key for r in received if r.key.startswith("good")) == ["good0", "good1", "good2"]


def test_a_server_that_is_down_is_a_temporary_failure(app: App) -> None:
    channel = SmtpChannel(HOST, free_port(), SENDER, security="none", timeout=2)
    enqueue(app.engine, mail("down", "p@voorbeeld.nl"), app.clock.now())
    report = runner(app, channel).run_once()
    assert len(report.retried) == 1
    found = row(app.engine, "down")
    assert found["status"] == "pending" and "failed" in found["last_error"]
    assert found["next_attempt_at"] >= app.clock.now() + timedelta(seconds=60)
    assert channel.check()[0] is False


def test_a_closed_connection_is_opened_again(app: App) -> None:
    port = free_port()
    channel = SmtpChannel(HOST, port, SENDER, security="none")
    outbox = runner(app, channel)
    with smtp_server(port=port) as first:
        enqueue(app.engine, mail("before", "p@voorbeeld.nl"), app.clock.now())
        assert len(outbox.drain().sent) == 1
    with smtp_server(port=port) as second:
        enqueue(app.engine, mail("after", "p@voorbeeld.nl"), app.clock.now())
        assert len(outbox.drain().sent) == 1
        channel.close()
    assert [r.key for r in first.messages()] == ["before"]
    assert [r.key for r in second.messages()] == ["after"]


def test_the_file_outbox_holds_exactly_what_the_relay_receives(app: App, tmp_path: Path) -> None:
    clock = app.clock
    guests = [Participant("b.bestuur@emmen.nl", "Bërt Bestuur"), Participant("c.college@coevorden.nl", "Carla Çollege")]
    meeting = tracker(attendees=guests)
    rows = [*invite_rows(meeting, meeting.invite(clock.now()), "REQUEST", [g.email for g in guests]),
            mail("plain", "anna@voorbeeld.nl", subject="Besluit over de ideeën van de Zorgbus, met de overwegingen",
                 body="Beste Anna,\n\nHet besluit: akkoord, één voorwaarde.")]
    for message in rows:
        enqueue(app.engine, message, clock.now())
    with smtp_server() as server:
        channel = SmtpChannel(HOST, server.port, SENDER, security="none")
        assert len(runner(app, channel).drain().sent) == 3
        channel.close()
        received = {r.key: r.data for r in server.messages()}
    files = FileOutbox(tmp_path, SENDER)
    for message in rows:
        files.deliver(row_item(app, message.key))
        (written,) = tmp_path.glob(f"{safe_name(message.key)}.eml")
        data = written.read_bytes()
        assert data.rstrip(b"\r\n") == received[message.key].rstrip(b"\r\n")  # the relay adds nothing of ours
        assert b"\n" not in data.replace(b"\r\n", b"")
        parsed = message_from_bytes(data, policy=policy.SMTP)
        assert isinstance(parsed, EmailMessage)
        if message.key != "plain":
            part = calendar_part(parsed)
            ics = part.get_payload(decode=True)
            assert isinstance(ics, bytes) and b"\n" not in ics.replace(b"\r\n", b"")
            assert "Bërt" in str(vobject.readOne(ics.decode()).vevent.attendee.params["CN"])
