"""The viewflow process of one application: a proxy, since the domain data lives on Application. Its flow is the
process layer's (process/flows.py); the model stays here, in the app its migration belongs to."""

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class AccreditationProcess(Process):
    class Meta:
        proxy = True
        app_label = "accreditation"
        verbose_name = _("accreditation process")
        verbose_name_plural = _("accreditation processes")
