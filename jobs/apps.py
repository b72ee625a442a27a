from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Each app declares the work of its kinds of job in its own `job_runners` module (with @runner(kind)), as
        # each declares its admin in `admin`: found here, in the web processes and in the Celery workers alike.
        autodiscover_modules("job_runners")
