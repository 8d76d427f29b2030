from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    CENTRAL = "central", _("Central committee")
    REGION = "region", _("Regional organisation")
    BRANCH = "branch", _("Republican branch")
    DISTRICT = "district", _("District or city committee")
    PRIMARY = "primary", _("Primary organisation")


class EmployerKind(models.TextChoices):
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute")
    OTHER = "other", _("Other")


class Position(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    KINDERGARTEN_TEACHER = "kindergarten_teacher", _("Kindergarten teacher")
    LECTURER = "lecturer", _("Lecturer")
    RESEARCHER = "researcher", _("Researcher")
    OTHER = "other", _("Other staff")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


class Role(models.TextChoices):
    CHAIR = "chair", _("Primary organisation chair")
    LAWYER = "lawyer", _("Lawyer (legal inspector)")
    REGIONAL_STAFF = "regional_staff", _("Regional staff")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    CENTRAL_ADMIN = "central_admin", _("Central administrator")
    AUDITOR = "auditor", _("Auditor (read only)")


class ConsentPurpose(models.TextChoices):
    MEMBERSHIP = "membership", _("Keeping the membership register")
    LEGAL_AID = "legal_aid", _("Legal aid and appeals")
    NEWSLETTER = "newsletter", _("News and notifications")
