"""`lagebild watch`: polling a real local feed, analyzing what is new, logging how
the claim groups changed, surviving a feed that is down, stopping on Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.errors import UsageError
from lagebild.watch import seconds
from webserver import Route, Site, article, rss

runner = CliRunner()
FIRST = ["A strong earthquake struck the coastal province on Monday, 6 May 2024.",
         "At least 40 people were injured, the fire brigade said on Monday.",
         "Schools stay closed until Friday."]
SECOND = ["The earthquake on Monday, 6 May 2024, damaged the port.",
          "According to the governor, 52 people were injured in the port town.",
          "Engineers will check the bridges in June."]
DAY = "Tue, 07 May 2024 08:00:00 GMT"


def _feed(site: Site, *paths: str) -> bytes:
    return rss([(site.url(p), p, DAY) for p in paths])


def test_watch_analyzes_new_items_and_logs_what_changed(site: Site, sqlite_url: str) -> None:
    site.routes["/a"] = Route(body=article("Quake hits the coast", FIRST, date=None))
    site.routes["/b"] = Route(body=article("Dozens hurt", SECOND, date=None))
    site.routes["/feed"] = Route(body=[_feed(site, "/a"), _feed(site, "/a", "/b"), _feed(site, "/a", "/b")],
                                 content_type="application/rss+xml")
    out = runner.invoke(app, ["watch", site.url("/feed"), "--every", "0.1s", "--rounds", "3", "--db", sqlite_url,
                              "--delay", "0"])
    assert out.exit_code == 0, out.output
    rounds = out.stdout.split("round ")[1:]
    assert "1 new" in rounds[0] and "2 new" not in rounds[0]
    assert "1 new" in rounds[1] and "new document" in rounds[1] and "Dozens hurt" in rounds[1]
    assert "new group wounded (person): 2 claims, differ" in " ".join(rounds[1].split())
    assert "timeline:" in rounds[1]
    assert "0 new" in rounds[2]
    assert len(site.hits("/a")) == 1 and len(site.hits("/b")) == 1  # items already stored are not fetched again
    assert len(site.hits("/feed")) == 3


def test_watch_asks_for_an_unchanged_feed_with_its_validators(site: Site, sqlite_url: str) -> None:
    site.routes["/a"] = Route(body=article("Quake hits the coast", FIRST))
    site.routes["/feed"] = Route(body=_feed(site, "/a"), content_type="application/rss+xml", etag='"f1"')
    out = runner.invoke(app, ["watch", site.url("/feed"), "--every", "0.1s", "--rounds", "2", "--db", sqlite_url,
                              "--delay", "0"])
    assert out.exit_code == 0, out.output
    first, second = site.hits("/feed")
    assert "If-None-Match" not in first.headers and second.headers["If-None-Match"] == '"f1"'


def test_watch_survives_a_feed_that_is_down(site: Site, sqlite_url: str) -> None:
    site.routes["/a"] = Route(body=article("Quake hits the coast", FIRST))
    site.routes["/feed"] = Route(body=_feed(site, "/a"), status=[503] * 4 + [200], headers={"Retry-After": "0"},
                                 content_type="application/rss+xml")
    out = runner.invoke(app, ["watch", site.url("/feed"), "--every", "0.1s", "--rounds", "2", "--db", sqlite_url,
                              "--delay", "0"])
    assert out.exit_code == 0, out.output
    rounds = out.output.split("round ")[1:]
    assert "1 failed" in rounds[0] and "503" in rounds[0]
    assert "1 new" in rounds[1]


def test_watch_stops_cleanly_on_ctrl_c(site: Site, tmp_path: Path) -> None:
    site.routes["/a"] = Route(body=article("Quake hits the coast", FIRST))
    site.routes["/feed"] = Route(body=_feed(site, "/a"), content_type="application/rss+xml")
    db = tmp_path / "watch.db"
    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "watch", site.url("/feed"), "--every", "1h",
                             "--db", f"sqlite:///{db}", "--delay", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the first round is done
        assert line.startswith("round 1"), line
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    assert "stopped after 1 rounds" in stderr and "Traceback" not in stderr


@pytest.mark.parametrize("text, value", [("15m", 900.0), ("30s", 30.0), ("2h", 7200.0), ("1d", 86400.0),
                                         ("90", 90.0), ("0.5s", 0.5)])
def test_watch_every_takes_durations(text: str, value: float) -> None:
    assert seconds(text) == value


@pytest.mark.parametrize("text", ["", "soon", "0m", "-5s", "15 minutes"])
def test_watch_every_refuses_what_is_no_duration(text: str) -> None:
    with pytest.raises(UsageError, match="not a duration"):
        seconds(text)


def test_watch_group_changes_name_new_grown_and_changed_groups() -> None:
    from lagebild.reconcile.groups import ClaimGroup
    from lagebild.watch import group_changes

    def group(ids: list[str], status: str) -> ClaimGroup:
        return ClaimGroup(id="g", unit="person", concept="wounded", measure="people",
                          claims=[{"id": i} for i in ids], status=status, reason="40 vs 52")

    before = [group(["a:c0", "b:c1"], "agree")]
    after = [group(["a:c0", "b:c1", "c:c0"], "conflict"), group(["d:c0", "e:c2"], "agree")]
    assert group_changes(before, after) == ["group wounded (person): 2 -> 3 claims",
                                            "group wounded (person): agree -> conflict (40 vs 52)",
                                            "new group wounded (person): 2 claims, agree"]
    assert group_changes(after, after) == []
