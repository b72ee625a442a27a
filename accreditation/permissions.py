"""Permission codenames, named once. Granted and revoked only by services (reviews/services.py, on joining and
leaving a panel); checked only by the access modules (accreditation/access.py), whose predicates the flow's nodes
call."""

VIEW_APPLICATION = "accreditation.view_application"
REVIEW_APPLICATION = "accreditation.review_application"

# Codenames without the app label, for guardian's assign_perm on an Application instance.
VIEW_APPLICATION_CODENAME = "view_application"
REVIEW_APPLICATION_CODENAME = "review_application"
