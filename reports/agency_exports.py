"""XLSX exports for agency staff: their applications with the time spent in each step, and reviewer workload."""

import io

from openpyxl import Workbook
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.flows import HUMAN_STEPS


def applications_workbook(applications) -> bytes:
    """One row per application: status, dates, and days spent in each human step (summed over repeats)."""
    applications = list(applications.select_related("provider").order_by("submitted_at"))
    days: dict[int, dict[str, float]] = {}
    tasks = Task.objects.filter(
        process__application__in=applications, flow_task_type="HUMAN", status=STATUS.DONE
    ).values_list("process__application", "flow_task", "created", "finished")
    for application_id, node, created, finished in tasks:
        step = getattr(node, "name", str(node))
        days.setdefault(application_id, {}).setdefault(step, 0.0)
        days[application_id][step] += (finished - created).total_seconds() / 86400
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Applications")
    sheet.append(["Reference", "Provider", "Status", "Submitted", "Closed", *(f"Days: {s}" for s in HUMAN_STEPS)])
    for application in applications:
        spent = days.get(application.pk, {})
        sheet.append(
            [
                application.reference,
                application.provider.legal_name,
                application.get_status_display(),
                application.submitted_at.date().isoformat() if application.submitted_at else "",
                application.closed_at.date().isoformat() if application.closed_at else "",
                *(round(spent[s], 2) if s in spent else None for s in HUMAN_STEPS),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def reviewers_workbook(rows: list[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Reviewers")
    sheet.append(["Reviewer", "Open reviews", "Completed reviews", "On time", "On time (%)"])
    for row in rows:
        sheet.append([row["name"], row["open"], row["completed"], row["on_time"], row["on_time_share"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
