"""The procedures: the flows of the accreditation cycle, their task views, step tables, due dates and the demo.

The top layer: it imports accreditation, reviews, jobs and reports; nothing imports it (lower layers let it plug in:
`accreditation.services.process.on_submit`, `accreditation.services.identity.on_request`, ...).

The pattern every flow follows (the accreditation flow is the worked example):

- `process/<name>.py` (the accreditation flow: `process/flows.py`, which holds that flow only): a viewflow Flow
  whose human nodes are `process.nodes.HumanTask(view, allowed=predicate)`. The node names its view, and its
  predicate comes from an access module (`on_application(access.may_coordinate)`); `.Assign(...)` always names a
  person; every write is a service call; `deadline(step)` gives the due delay from settings. The process class is a
  proxy model in the domain app (e.g. `accreditation.models.AccreditationProcess`); the domain row links to it.
- The views (`process/views/<name>.py`): each is a `@task_view` (process/task_views.py), called as
  `view(request, task, application)` once the task is the signed-in owner's, of the node that names this view, and
  the node's predicate allows it; they finish through `finish(request, task=, form=, action=, done_message=)`.
  A second URL of the same task (attach, remove, submit, complete) is `@task_view(part_of=view)`: one URL per
  action, never a view that looks at which button was pressed.
- The URLs (`process/urls.py`): `task_urls(Flow)` gives each human node `tasks/<int:pk>/<node-name>/`, named
  `process:task-<node-name>` (underscores become dashes; a flow's `task_url_prefix` goes in front when names
  clash). The node knows its own `url_name`, so "My tasks", e-mails and the application's page link to
  `accreditation:task` (tasks/<pk>/), which redirects to the page the task's node names.
- The list of steps is the flow's: `human_tasks(Flow)` in declaration order (`process.flows.HUMAN_STEPS`).
- Templates: `process/templates/process/<flow>/<node>.html`, extending `process/task_base.html`.
- Node names and the flow's module path are stored in every task and process row: renaming or moving one needs a
  data migration (process/migrations/0002_accreditation_flow_moved.py is the example).
- Demo data: `process/demo.py` (`manage.py load_demo`); a new flow adds its part there.
"""
