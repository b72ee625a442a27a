"""`@task_view` (process/task_views.py): every human node names its page, and a task opens only on its own
node's page, for its owner, while the node's predicate lets them."""

import pytest

from process.flows import AccreditationFlow
from process.task_views import node_view
from tests.flow import task_of

pytestmark = pytest.mark.django_db


def test_every_human_node_names_a_task_view():
    human = [node for node in AccreditationFlow.instance.nodes() if node.task_type == "HUMAN"]
    assert {node.name for node in human} == {
        "screen",
        "revise",
        "compose_panel",
        "site_visit",
        "review",
        "consolidate",
        "comment",
        "finalise",
        "decide",
    }
    for node in human:
        assert getattr(node_view(node), "task_view_part_of", "missing") is None, node.name


def test_a_task_opens_only_on_its_own_nodes_page(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    client.force_login(coordinator)
    assert client.get(f"/tasks/{task.pk}/screen/").status_code == 200
    # The same owner, the same open task, another step's page (also a coordinator's step): not found.
    for other in ("compose-panel", "site-visit", "consolidate", "finalise", "revise/attach/"):
        url = f"/tasks/{task.pk}/{other}" + ("" if other.endswith("/") else "/")
        assert client.get(url).status_code in (404, 405), url
    assert client.post(f"/tasks/{task.pk}/compose-panel/", {}).status_code == 404
    assert driver.refresh().status == "screening"


def test_anonymous_visitors_are_sent_to_sign_in(driver, client):
    task = task_of(driver.application, "screen")
    response = client.get(f"/tasks/{task.pk}/screen/")
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_a_done_task_sends_its_owner_back_to_the_application(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    driver.screen(coordinator)
    client.force_login(coordinator)
    response = client.get(f"/tasks/{task.pk}/screen/", follow=True)
    assert response.redirect_chain[-1][0] == f"/applications/{driver.application.pk}/"
    assert "already been completed" in response.content.decode()
