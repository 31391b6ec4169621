"""The live stream on a real `liaise serve`: writes go to gunicorn (WSGI), the streams are held by uvicorn (ASGI,
two processes), so a change travels through the database from one server process to the others."""

import http.client
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from tests.events.test_concurrency import server_env  # noqa: F401 - a fixture: a data dir (and a PG database)
from tests.liveserver import free_port, serve


class Stream:
    """One EventSource-like client: reads events until a deadline."""

    def __init__(self, port: int, path: str, last_event_id: int | None = None):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"

    def next_event(self, kind: str, timeout: float = 2.0) -> tuple[int, dict, float]:
        """The next event of ``kind``: (id, data, seconds waited). Fails after ``timeout`` seconds."""
        start = time.monotonic()
        self.connection.sock.settimeout(timeout)
        event: dict[str, str] = {}
        while time.monotonic() - start < timeout:
            line = self.response.readline().decode().rstrip("\n")
            if line == "":
                if event.get("event") == kind:
                    return int(event["id"]), json.loads(event["data"]), time.monotonic() - start
                event = {}
            elif not line.startswith(":"):
                field, _, value = line.partition(": ")
                event[field] = value
        raise AssertionError(f"no {kind} event within {timeout} s")

    def close(self):
        self.connection.close()


def _post(url: str, body: dict | None = None, device: str = "", method: str = "POST") -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body or {}).encode(), method=method,
                                     headers={"Content-Type": "application/json", "X-Liaise-Device": device})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def identity(url: str) -> str:
    """A device identity issued by the server: what a phone's browser keeps in its cookie."""
    with urllib.request.urlopen(f"{url}/api/v1/live/BDXRTB", timeout=10) as response:
        return response.headers["X-Liaise-Device"]


def test_votes_reach_every_stream_within_two_seconds_and_resume_after_a_cut(server_env):  # noqa: F811
    stream_port = free_port()
    with serve(server_env, "--workers", "2", "--stream-workers", "2", stream_port=stream_port) as url:
        board = json.loads(urllib.request.urlopen(f"{url}/api/v1/live/BDXRTB", timeout=10).read())
        assert urlsplit(board["stream"]).path == "/live/BDXRTB/stream"
        questions = json.loads(urllib.request.urlopen(f"{url}/api/v1/live/BDXRTB/questions", timeout=10).read())
        target = questions["items"][0]
        clients = [Stream(stream_port, "/live/BDXRTB/stream") for _ in range(4)]
        time.sleep(0.5)  # the streams are subscribed

        vote_url = f"{url}/api/v1/live/BDXRTB/questions/{target['id']}/vote"
        phones = [identity(url) for _ in range(4)]
        status, body = _post(vote_url, device=phones[0])
        assert (status, body["votes"]) == (201, target["votes"] + 1)
        seen = [client.next_event("question") for client in clients]
        assert {data["votes"] for _id, data, _t in seen} == {target["votes"] + 1}
        assert max(waited for _id, _data, waited in seen) < 2.0
        last_id = seen[0][0]

        # bad input and a flood are refused, and the streams go on
        assert _post(f"{url}/api/v1/live/BDXRTB/questions", {"text": ""}, phones[3])[0] == 400
        assert _post(f"{url}/api/v1/live/BDXRTB/questions", {"text": "x" * 501}, phones[3])[0] == 400
        assert _post(f"{url}/api/v1/live/BDXRTB/questions", {"text": "Hi", "to_speaker": 999999}, phones[3])[0] == 400
        assert _post(f"{url}/api/v1/live/BDXRTA/questions", {"text": "Closed board"}, phones[3])[0] == 409
        # without an identity the server issued, nothing is counted
        assert _post(f"{url}/api/v1/live/BDXRTB/questions", {"text": "Who am I?"}, "device-flooder-0000")[0] == 400
        flood = [_post(f"{url}/api/v1/live/BDXRTB/questions", {"text": f"Flood {n}"}, device=phones[3])[0]
                 for n in range(5)]
        assert flood == [201, 201, 201, 429, 429]

        # one client drops; two votes later it comes back with Last-Event-ID and gets both
        clients[0].close()
        _post(vote_url, device=phones[1])
        _post(vote_url, device=phones[2])
        assert clients[1].next_event("question")[1]["votes"] == target["votes"] + 2
        assert clients[1].next_event("question")[1]["votes"] == target["votes"] + 3
        back = Stream(stream_port, "/live/BDXRTB/stream", last_event_id=last_id)
        assert [back.next_event("question")[1]["votes"] for _ in range(2)] == [target["votes"] + 2, target["votes"] + 3]

        # the polling fallback in the API, on the pages' server, says the same
        polled = urllib.request.urlopen(f"{url}/api/v1/live/BDXRTB/changes?after={last_id}", timeout=10)
        changes = json.loads(polled.read())
        assert [c["data"]["votes"] for c in changes["changes"]] == [target["votes"] + 2, target["votes"] + 3]
        for client in [*clients[1:], back]:
            client.close()

        # a board nobody may see has no stream
        connection = http.client.HTTPConnection("127.0.0.1", stream_port, timeout=10)
        connection.request("GET", "/live/KICKQA/stream")
        assert connection.getresponse().status == 404
