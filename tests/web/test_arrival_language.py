"""A first arrival gets the site in the browser's language; moving within the site never redirects, and the
language the visitor moves to is remembered for their next arrival."""

from django.test import Client

HOST = "testserver"


def test_an_arrival_from_elsewhere_gets_the_browsers_language(db):
    client = Client()
    response = client.get("/events/?kind=conference", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/de/events/?kind=conference"
    assert "Accept-Language" in response["Vary"] and response["Cache-Control"] == "private"
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").status_code == 200  # English: no prefix
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="pt-PT").status_code == 200  # not offered: English
    assert client.get("/de/events/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200  # a prefix is a choice


def test_moving_within_the_site_never_redirects_and_the_choice_is_remembered(db):
    client = Client()
    # on /de/ pages, the visitor clicks "EN" in the switcher: the English page, and English remembered
    response = client.get("/events/", HTTP_ACCEPT_LANGUAGE="de", HTTP_REFERER=f"http://{HOST}/de/events/")
    assert response.status_code == 200
    assert response.cookies["django_language"].value == "en"
    # next arrival from elsewhere: English, as chosen, though the browser prefers German
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").status_code == 200
    # they move to Italian within the site: remembered, and the next arrival is in Italian
    client.get("/it/events/", HTTP_REFERER=f"http://{HOST}/events/")
    assert client.get("/library/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/it/library/"


def test_the_api_feeds_and_files_keep_their_addresses(db):
    client = Client()
    for path in ("/api/v1/topics", "/feeds/news.atom"):
        assert client.get(path, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200, path


def test_a_referer_from_another_site_is_an_arrival(db):
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="es", HTTP_REFERER="https://www.efus.eu/liaise")
    assert response["Location"] == "/es/"


def test_the_api_reference_keeps_the_visitors_language_and_switches_with_its_links(db):
    """/api/v1/docs has no language in its address: it does not record English for a visitor who reads the site in
    French, and its language switcher (``?language=``) is a choice, remembered on the signed-in visitor's account."""
    from django.contrib.auth import get_user_model

    from tests.conftest import ROLE_EMAILS

    client = Client()
    client.get("/fr/events/", HTTP_REFERER=f"http://{HOST}/events/")  # to the French pages: French remembered
    assert client.cookies["django_language"].value == "fr"
    page = client.get("/api/v1/docs", HTTP_REFERER=f"http://{HOST}/fr/events/")
    assert page.status_code == 200 and b'<html lang="fr">' in page.content
    assert "django_language" not in page.cookies
    assert b'href="/api/v1/docs?language=de" hreflang="de"' in page.content

    user = get_user_model().objects.get(email=ROLE_EMAILS["participant"])
    client.force_login(user)
    page = client.get("/api/v1/docs?language=de", HTTP_REFERER=f"http://{HOST}/api/v1/docs")
    assert b'<html lang="de">' in page.content
    assert b'<a href="/api/v1/docs?language=de" hreflang="de" lang="de" aria-current="true">' in page.content
    assert page.cookies["django_language"].value == "de"
    user.refresh_from_db()
    assert user.language == "de"
    assert client.get("/api/v1/docs?language=xx").status_code == 200  # not a language of the site: ignored
