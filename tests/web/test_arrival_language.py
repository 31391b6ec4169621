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
