from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from accreditation import documents

        from .documents import review_report_data

        documents.set_review_report_data(review_report_data)
