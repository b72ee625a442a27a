"""My tasks with many open tasks: a page at a time (50), filterable by step and to the overdue ones, with a number
of queries that does not depend on how many tasks there are."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.flow import task_of

pytestmark = pytest.mark.django_db


def _flow():
    try:
        from process.flows import AccreditationFlow
    except ImportError:  # before the flow moved to the process app
        from accreditation.flows import AccreditationFlow
    return AccreditationFlow


def add_tasks(process, owner, n: int, *, step: str = "screen", due: datetime.datetime | None = None):
    """n more open tasks of `step` for `owner` on `process`, each with a deadline timer when `due` is given (the
    list reads the due date from the timer, as the flow's boundaries set it)."""
    node = getattr(_flow(), step)
    created = Task.objects.bulk_create(
        Task(process=process, flow_task=node, flow_task_type="HUMAN", status=STATUS.ASSIGNED, owner=owner)
        for _ in range(n)
    )
    if due is not None:
        Task.objects.bulk_create(
            Task(process=process, flow_task=node, flow_task_type="TIMER", status=STATUS.NEW, scheduled=due)
            for _ in created
        )
        timers = list(Task.objects.filter(flow_task_type="TIMER", scheduled=due).order_by("-pk")[: len(created)])
        for task, timer in zip(sorted(created, key=lambda t: t.pk), sorted(timers, key=lambda t: t.pk), strict=True):
            timer.previous.add(task)
    return created


def _rows(response):
    doc = lxml.html.fromstring(response.content)
    return doc, doc.xpath("//main//table//tbody/tr")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_my_tasks_are_paged_with_the_same_number_of_queries_for_3_or_130_tasks(client, driver, coordinator):
    client.force_login(coordinator)
    process = driver.application.process
    add_tasks(process, coordinator, 2)
    client.get("/tasks/")  # the session and caches settle
    few, response = _queries(client, "/tasks/")
    _doc, rows = _rows(response)
    assert len(rows) == 3
    add_tasks(process, coordinator, 127)
    many, response = _queries(client, "/tasks/")
    doc, rows = _rows(response)
    assert len(rows) == 50
    assert many == few, f"{few} queries for 3 tasks, {many} for 130"
    assert "130 things to do" in response.content.decode()
    assert "Page 1 of 3" in doc.xpath("string(//nav[contains(@class, 'pagination')])")
    last_count, last = _queries(client, "/tasks/?page=3")
    assert len(_rows(last)[1]) == 30 and last_count == many


def test_filter_by_step_and_overdue(client, driver, coordinator, reviewers):
    client.force_login(coordinator)
    process = driver.application.process
    yesterday = timezone.now() - datetime.timedelta(days=1)
    add_tasks(process, coordinator, 8, step="compose_panel", due=yesterday)
    add_tasks(process, coordinator, 4, step="consolidate", due=timezone.now() + datetime.timedelta(days=9))
    doc, rows = _rows(client.get("/tasks/"))
    assert len(rows) == 13  # the real screening task and the twelve added
    options = {o.get("value"): o.text_content() for o in doc.xpath("//select[@name='step']/option")}
    compose = get_task_ref(_flow().compose_panel)
    assert compose in options and options[compose].strip()

    doc, rows = _rows(client.get("/tasks/", {"step": compose}))
    assert len(rows) == 8
    assert all("Overdue" in row.text_content() for row in rows)
    doc, rows = _rows(client.get("/tasks/", {"overdue": "on"}))
    assert len(rows) == 8
    doc, rows = _rows(client.get("/tasks/", {"step": get_task_ref(_flow().consolidate), "overdue": "on"}))
    assert rows == [] and "No open task matches these filters." in doc.text_content()
    assert task_of(driver.application, "screen").owner == coordinator


def test_a_short_list_has_no_filter(client, driver, coordinator):
    client.force_login(coordinator)
    doc, rows = _rows(client.get("/tasks/"))
    assert len(rows) == 1 and not doc.xpath("//select[@name='step']")


def test_an_unknown_step_is_ignored_not_an_error(client, driver, coordinator):
    client.force_login(coordinator)
    response = client.get("/tasks/", {"step": "no/such.step", "page": "x"})
    assert response.status_code == 200
    assert len(_rows(response)[1]) == 1
