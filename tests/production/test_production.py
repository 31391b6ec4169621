"""What a production deployment answers over HTTP (issue 15): security headers, cookies, error pages without
details, the sign-in lock-out, and no demo data. One server for the module (see conftest.py)."""

import json
import re

from tests.liveserver import liaise
from tests.production.conftest import ACCOUNT


def test_pages_carry_the_security_headers(production):
    response = production.get("/")
    assert response.status == 200
    csp = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert csp["base-uri"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_live_stream_server_is_allowed_in_connect_src(production):
    csp = production.get("/").headers["Content-Security-Policy"]
    connect = re.search(r"connect-src ([^;]+)", csp).group(1).split()
    assert connect[0] == "'self'"
    assert len(connect) == 2 and re.fullmatch(r"https://127\.0\.0\.1:\d+", connect[1])


def test_plain_http_is_redirected_to_https(production):
    response = production.get("/", headers={"X-Forwarded-Proto": "http"})
    assert response.status == 301
    assert response.headers["Location"].startswith("https://")


def test_the_health_check_is_answered_over_plain_http(production):
    # a load balancer asks the node directly, without X-Forwarded-Proto: no redirect to https
    response = production.get("/healthz", headers={"X-Forwarded-Proto": "http"})
    assert response.status == 200
    assert json.loads(response.body) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_cookies_are_secure_httponly_and_samesite(production):
    jar = {}
    page = production.get("/accounts/login/", jar=jar)
    csrf = page.cookies()["csrftoken"]
    assert "Secure" in csrf and "HttpOnly" in csrf and "SameSite=Lax" in csrf
    token = production.form_token("/accounts/login/", jar, "192.0.2.20")
    response = production.post("/accounts/login/", {"csrfmiddlewaretoken": token, "username": ACCOUNT[0],
                                                       "password": ACCOUNT[1]}, jar=jar, client="192.0.2.20")
    assert response.status == 302
    session = response.cookies()["sessionid"]
    assert "Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session


def test_error_pages_show_the_site_page_and_no_details(production):
    missing = production.get("/no-such-page/")
    assert missing.status == 404
    assert "<html" in missing.body and "Liaise" in missing.body
    bad_host = production.get("/", headers={"Host": "evil.example"})
    assert bad_host.status == 400
    assert "could not be understood" in bad_host.body
    bad_form = production.post("/accounts/login/", {"username": "x"})  # no CSRF token
    assert bad_form.status == 403
    assert "did not come from this site" in bad_form.body
    for response in (missing, bad_host, bad_form):
        leaks = ("Traceback", "DisallowedHost", "CSRF", "SECRET_KEY", "settings.py", "DEBUG")
        for secret in (*leaks, production.env["LIAISE_SECRET_KEY"]):
            assert secret not in response.body
    api = production.get("/api/v1/projects/no-such-project")
    assert (api.status, json.loads(api.body)) == (404, {"detail": "Not found."})


def test_the_sign_in_locks_out_after_too_many_failures(production):
    jar, client = {}, "192.0.2.30"
    token = production.form_token("/accounts/login/", jar, client)

    def attempt(password):
        return production.post("/accounts/login/", {"csrfmiddlewaretoken": token, "username": ACCOUNT[0],
                                                       "password": password}, jar=jar, client=client)

    statuses = [attempt("wrong").status for _ in range(3)]  # LIAISE_LOGIN_FAILURES=3
    assert statuses == [200, 200, 429]
    locked = attempt(ACCOUNT[1])
    assert locked.status == 429
    assert "Too many failed sign-ins." in locked.body
    assert "sessionid" not in locked.cookies()
    # the account still signs in from another address
    other = {}
    token_other = production.form_token("/accounts/login/", other, "192.0.2.31")
    fine = production.post("/accounts/login/", {"csrfmiddlewaretoken": token_other, "username": ACCOUNT[0],
                                                   "password": ACCOUNT[1]}, jar=other, client="192.0.2.31")
    assert fine.status == 302


def test_production_mode_loads_no_demo(production):
    projects = json.loads(production.get("/api/v1/projects").body)
    assert projects == {"count": 0, "items": []}
    assert production.get("/projects/liaise-2/").status == 404
    users = liaise(production.env, "shell", "-v", "0", "-c",
                   "from django.contrib.auth import get_user_model; "
                   "print(sorted(get_user_model().objects.values_list('email', flat=True)))")
    assert users.strip() == str([ACCOUNT[0]])
