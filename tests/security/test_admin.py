"""viewflow's process and task admin pages are read-only; every admin change left editable is audited."""

import pytest
from axes.models import AccessAttempt

from accreditation.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_viewflow_process_and_task_pages_are_read_only(admin_client, driver, coordinator):
    from viewflow.workflow.models import Process, Task

    process, task = Process.objects.first(), Task.objects.first()
    assert admin_client.get("/admin/viewflow/process/").status_code == 200
    page = admin_client.get(f"/admin/viewflow/task/{task.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin_client.post(f"/admin/viewflow/task/{task.pk}/change/", {"status": "DONE"})
    assert response.status_code == 403
    assert admin_client.post(f"/admin/viewflow/process/{process.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Process.objects.filter(pk=process.pk).exists()


def test_granting_a_superuser_in_the_admin_is_audited(admin_client):
    user = UserFactory(username="promoted")
    admin_client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "promoted",
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    user.refresh_from_db()
    assert user.is_superuser
    event = AuditEvent.objects.get(verb="changed in the administration", target_type="auth.user")
    assert "is_superuser" in event.data["fields"] and event.actor_name


def test_lifting_a_lockout_in_the_admin_is_audited(admin_client):
    attempt = AccessAttempt.objects.create(username="locked", ip_address="203.0.113.9", failures_since_start=10)
    admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert AuditEvent.objects.filter(verb="deleted in the administration", target_type="axes.accessattempt").exists()
