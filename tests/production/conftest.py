"""Production mode over HTTP: one real `liaise serve` (gunicorn, uvicorn) with LIAISE_DEBUG=0, a real secret and its
own empty SQLite database, behind a pretend reverse proxy on loopback (LIAISE_BEHIND_PROXY=1: each request carries
the proxy's X-Forwarded-Proto and X-Forwarded-For)."""

import http.client
import secrets
import urllib.parse
from pathlib import Path

import pytest

from tests.liveserver import clean_env, liaise, serve, temporary_data_dir

# A real account in the empty production database (production mode creates no demo accounts).
ACCOUNT = ("someone@city.example", "a long and real passphrase")
CREATE_ACCOUNT = f"""
from django.contrib.auth import get_user_model
get_user_model().objects.create_user({ACCOUNT[0]!r}, {ACCOUNT[1]!r}, full_name="Some One")
"""
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"}
# Compressed static files kept between runs (gitignored var/): serve collects them again only when they changed.
STATIC_ROOT = Path(__file__).resolve().parents[2] / "var" / "test-production-static"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's autouse fixture: no test database here, the server has its own."""


@pytest.fixture(scope="session")
def production():
    with temporary_data_dir("liaise-production-") as data_dir:
        env = clean_env(data_dir, LIAISE_DEBUG="0", LIAISE_SECRET_KEY=secrets.token_urlsafe(50),
                        LIAISE_BEHIND_PROXY="1", LIAISE_LOGIN_FAILURES="3", LIAISE_WORKERS="1",
                        LIAISE_STATIC_ROOT=str(STATIC_ROOT))
        liaise(env, "migrate", "-v0")
        liaise(env, "shell", "-c", CREATE_ACCOUNT)
        with serve(env, "--no-worker", ready_path="/api/v1/topics", ready_headers=PROXY,
                   start_seconds=400) as url:
            yield Server(url, env)


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read().decode(errors="replace")

    def cookies(self) -> dict[str, str]:
        """name → the whole Set-Cookie line, for each cookie set."""
        return {line.split("=", 1)[0]: line for line in self.headers.get_all("Set-Cookie") or []}


class Server:
    """Requests as they arrive from the proxy, with a cookie jar of our own (the cookies are Secure: a browser
    sends them over https, which the proxy ends)."""

    def __init__(self, url: str, env: dict[str, str]):
        self.url, self.env = url, env
        self.host = urllib.parse.urlsplit(url).netloc

    def request(self, method: str, path: str, *, client: str = "192.0.2.10", jar: dict | None = None,
                data: dict | None = None, headers: dict | None = None) -> Response:
        connection = http.client.HTTPConnection(self.host, timeout=30)
        sent = {"X-Forwarded-Proto": "https", "X-Forwarded-For": client, "Host": self.host, **(headers or {})}
        body = None
        if jar:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        if data is not None:
            body = urllib.parse.urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{self.host}"
            sent["Referer"] = f"https://{self.host}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = Response(connection.getresponse())
        finally:
            connection.close()
        if jar is not None:
            for name, line in response.cookies().items():
                jar[name] = line.split("=", 1)[1].split(";", 1)[0]
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Response:
        return self.request("POST", path, data=data, **kwargs)

    def form_token(self, path: str, jar: dict, client: str) -> str:
        page = self.get(path, jar=jar, client=client)
        marker = 'name="csrfmiddlewaretoken" value="'
        return page.body.split(marker, 1)[1].split('"', 1)[0]
