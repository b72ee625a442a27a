"""The health check and the error pages answer as a monitoring system and a lost visitor expect."""

import json

import pytest


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_unknown_page_shows_the_projects_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="#main"' in response.content.decode()  # the layout, with its skip link


@pytest.mark.django_db
def test_home_page_offers_register_search_and_sign_in(client):
    body = client.get("/").content.decode()
    assert 'name="q"' in body
    assert "/accounts/login/" in body
