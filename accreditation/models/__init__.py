"""The accreditation app's models, one module per concern, imported explicitly."""

from .applications import (
    Application,
    ApplicationGroupObjectPermission,
    ApplicationUserObjectPermission,
    Decision,
    DraftReportComment,
    EvidenceDocument,
    InformationRequest,
    IssuedDocument,
)
from .audit import AuditEvent, AuditHead
from .conditions import Condition, ConditionReport, ExpiryReminder, Suspension
from .credentials import MicroCredential, MicroCredentialVersion
from .deqar import DeqarSubmission
from .identity import IdentityChangeRequest
from .organisations import Agency, Authority, Membership, PersonalPreference, Provider, Role
from .process import AccreditationProcess
from .register import RegisterEntry, RegisterEvent, RegisterScopeItem

__all__ = [
    "AccreditationProcess",
    "Agency",
    "Application",
    "ApplicationGroupObjectPermission",
    "ApplicationUserObjectPermission",
    "AuditEvent",
    "AuditHead",
    "Authority",
    "Condition",
    "ConditionReport",
    "Decision",
    "DeqarSubmission",
    "DraftReportComment",
    "EvidenceDocument",
    "ExpiryReminder",
    "IdentityChangeRequest",
    "InformationRequest",
    "IssuedDocument",
    "Membership",
    "MicroCredential",
    "MicroCredentialVersion",
    "PersonalPreference",
    "Provider",
    "RegisterEntry",
    "RegisterEvent",
    "RegisterScopeItem",
    "Role",
    "Suspension",
]
