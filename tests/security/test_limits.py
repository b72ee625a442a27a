"""Rate limits that a forged X-Forwarded-For or an account does not escape; large downloads that reuse an identical
job and stop at their caps; old job files removed by the timers."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from jobs.models import Job
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_rates():
    original = (AnonRateThrottle.THROTTLE_RATES, UserRateThrottle.THROTTLE_RATES)
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute", "user": "3/minute"}
    AnonRateThrottle.THROTTLE_RATES = UserRateThrottle.THROTTLE_RATES = rates
    yield
    AnonRateThrottle.THROTTLE_RATES, UserRateThrottle.THROTTLE_RATES = original


def test_a_random_forwarded_for_does_not_reset_the_api_limit(client, api_rates):
    statuses = [client.get("/api/v1/providers/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_signed_in_api_users_are_limited_too(client, api_rates, provider_staff):
    client.force_login(provider_staff)
    statuses = [client.get("/api/v1/providers/").status_code for _ in range(4)]
    assert statuses[-1] == 429


def test_costly_register_pages_answer_429_with_retry_after(client, rate_limits):
    rate_limits.RATE_LIMITS = {"register:counts": {"rate": "3/m"}}
    statuses = [client.get("/register/counts/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(4)]
    assert statuses[:3] == [200, 200, 200]
    limited = client.get("/register/counts/")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited["Content-Type"].startswith("text/plain") and "Too many requests" in limited.content.decode()


def test_forwarded_for_counts_only_through_a_trusted_proxy(client, rate_limits):
    rate_limits.RATE_LIMITS = {"register:search": {"rate": "2/m"}}
    rate_limits.TRUSTED_PROXIES = ["127.0.0.1"]
    first = [client.get("/register/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code for _ in range(3)]
    other = client.get("/register/", HTTP_X_FORWARDED_FOR="203.0.113.1, 203.0.113.2")
    assert first == [200, 200, 429]
    assert other.status_code == 200  # the proxy vouches for the last hop only


@pytest.mark.parametrize(
    "url",
    ["/register/", "/register/counts/", "/register/export.csv", "/register/export/deqar.json", "/register/verify/"],
)
def test_every_costly_public_endpoint_is_limited(client, rate_limits, url):
    rate_limits.RATE_LIMITS = {
        pattern: {"rate": "1/m"}
        for pattern in ("register:search", "register:counts", "register:export*", "register:verify*")
    }
    client.get(url)
    assert client.get(url).status_code == 429


def test_signed_in_people_are_limited_by_account(client, rate_limits, provider_staff):
    rate_limits.RATE_LIMITS = {"register:search": {"rate": "1/m", "user_rate": "2/m"}}
    client.force_login(provider_staff)
    statuses = [client.get("/register/", REMOTE_ADDR=f"192.0.2.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


SORTS = ("provider", "-valid_until", "-published")


@pytest.fixture
def large_register(settings):
    settings.REGISTER_EXPORT_INLINE_MAX = 0  # every XLSX download becomes a background job
    make_register_entry()


def test_identical_anonymous_downloads_share_one_job(client, large_register):
    responses = [client.get("/register/export.xlsx", {"country": "IE"}) for _ in range(40)]
    assert {response.status_code for response in responses} == {302}
    assert len({response["Location"] for response in responses}) == 1
    assert Job.objects.filter(kind=Job.Kind.REGISTER_EXPORT).count() == 1


def test_a_finished_fresh_job_is_reused_and_a_stale_one_is_not(client, large_register, settings):
    client.get("/register/export.xlsx")
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, finished_at=timezone.now())
    client.get("/register/export.xlsx")
    assert Job.objects.count() == 1
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - settings.REGISTER_EXPORT_FRESH * 2)
    client.get("/register/export.xlsx")
    assert Job.objects.count() == 2


def test_one_client_may_run_only_a_few_downloads_at_once(client, large_register, settings):
    settings.JOBS_ACTIVE_PER_CLIENT = 2
    # Three different downloads (the same entries, differently sorted).
    statuses = [client.get("/register/export.xlsx", {"sort": sort}).status_code for sort in SORTS]
    assert statuses == [302, 302, 429]
    elsewhere = client.get("/register/export.xlsx", {"sort": SORTS[2]}, REMOTE_ADDR="192.0.2.44")
    assert elsewhere.status_code == 302


def test_downloads_stop_at_an_overall_cap(client, large_register, settings):
    settings.JOBS_ACTIVE_MAX = 2
    statuses = [
        client.get("/register/export.xlsx", {"sort": sort}, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n, sort in enumerate(SORTS)
    ]
    assert statuses == [302, 302, 429]


def test_the_timers_remove_job_files_past_the_retention(settings):
    old = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE, finished_at=timezone.now())
    old.output.save("register.xlsx", ContentFile(b"old"), save=True)
    new = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE, finished_at=timezone.now())
    new.output.save("register.xlsx", ContentFile(b"new"), save=True)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - settings.JOB_FILE_RETENTION - timedelta(hours=1))
    path = old.output.path
    call_command("workflow_timers")
    assert not Job.objects.filter(pk=old.pk).exists()
    assert not __import__("os").path.exists(path)
    assert Job.objects.filter(pk=new.pk).exists() and new.output.storage.exists(new.output.name)
