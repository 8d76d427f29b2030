"""REST API (thin): serializers validate input, services write, selectors read."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from odaq.core.iin import validate_iin
from odaq.core.models import User

from . import selectors, services
from .choices import Role
from .models import Membership, Organisation, Person, RoleAssignment
from .scopes import Cap, has_cap, is_staff_member


class IsUnionStaff(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and is_staff_member(request.user))


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "level", "name_kk", "name_ru", "code", "employer_kind", "employer_name",
                  "employer_bin", "parent", "depth"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The public union tree: anyone may read it (no personal data)."""

    lookup_value_regex = "[0-9]+"  # a non-numeric id is a 404, never a ValueError
    serializer_class = OrganisationSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["level", "employer_kind"]

    def get_queryset(self):
        qs = selectors.public_organisations().annotate(parent_id=selectors.parent_id_subquery())
        parent = self.request.query_params.get("within")
        if parent:
            if not parent.isdigit():
                raise NotFound
            node = get_object_or_404(Organisation, pk=parent)
            qs = qs.filter(path__startswith=node.path)
        return qs


class PersonSerializer(serializers.ModelSerializer):
    iin = serializers.CharField(validators=[validate_iin])

    class Meta:
        model = Person
        fields = ["iin", "last_name", "first_name", "middle_name", "phone", "email", "language",
                  "position", "young_specialist"]


class MemberSerializer(serializers.ModelSerializer):
    person = PersonSerializer()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Membership
        fields = ["id", "person", "organisation", "status", "joined_on", "left_on"]
        read_only_fields = ["left_on"]


def _masked(value: str, keep: int) -> str:
    value = str(value or "")
    if not value:
        return ""
    return "•" * max(len(value) - keep, 0) + value[-keep:] if len(value) > keep else "•" * len(value)


class PersonListSerializer(serializers.ModelSerializer):
    """A person as lists show her: IIN and phone reduced to their last digits, no e-mail. The full record is
    the detail read (``GET /members/{id}/``), which is audited."""

    iin = serializers.SerializerMethodField(help_text="masked: only the last four digits")
    phone = serializers.SerializerMethodField(help_text="masked: only the last two digits")

    class Meta:
        model = Person
        fields = ["iin", "last_name", "first_name", "middle_name", "phone", "language", "position",
                  "young_specialist"]

    def get_iin(self, obj) -> str:
        return _masked(obj.iin, 4)

    def get_phone(self, obj) -> str:
        return _masked(obj.phone, 2)


class MemberListSerializer(serializers.ModelSerializer):
    person = PersonListSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "person", "organisation", "status", "joined_on", "left_on"]
        read_only_fields = fields


class MemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Members of the caller's part of the tree. ``me`` returns the caller's own record."""

    lookup_value_regex = "[0-9]+"  # a non-numeric id is a 404, never a ValueError
    serializer_class = MemberSerializer
    permission_classes = [IsUnionStaff]

    def get_serializer_class(self):
        return MemberListSerializer if self.action == "list" else MemberSerializer

    def get_queryset(self):
        params = self.request.query_params
        return selectors.member_list(self.request.user, query=params.get("q", ""),
                                     status=params.get("status", ""))

    def retrieve(self, request, *args, **kwargs):
        membership = selectors.person_detail_for(request.user, kwargs["pk"], request=request)
        return Response(self.get_serializer(membership).data)

    def perform_create(self, serializer):
        data = serializer.validated_data
        if not has_cap(self.request.user, Cap.CHANGE_MEMBERS):
            raise PermissionDenied
        serializer.instance = services.register_member(
            self.request.user, data["organisation"],
            {**data["person"], "joined_on": data.get("joined_on")}, request=self.request,
        )

    def update(self, request, *args, **kwargs):
        membership = selectors.membership_for(request.user, kwargs["pk"], Cap.CHANGE_MEMBERS)
        serializer = self.get_serializer(membership, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "organisation" in data and data["organisation"].pk != membership.organisation_id:
            raise ValidationError({"organisation": _("Transfers are not done through this endpoint.")})
        if "person" in data:
            services.update_person(request.user, membership, data["person"], request=request)
        if "status" in data:
            services.set_membership_status(request.user, membership, data["status"], request=request)
        membership.refresh_from_db()
        return Response(self.get_serializer(membership).data)

    @action(detail=False, methods=["get"], permission_classes=[], url_path="me")
    def me(self, request):
        if not request.user.is_authenticated:
            raise NotFound
        person = selectors.my_person(request.user)
        if person is None:
            raise NotFound
        membership = selectors.current_membership(person)
        return Response({
            "person": PersonSerializer(person).data,
            "membership": MemberSerializer(membership).data if membership else None,
        })


class RoleSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "role", "organisation", "granted_at", "granted_by"]
        read_only_fields = ["granted_at", "granted_by"]


class IsRoleManager(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and has_cap(request.user, Cap.MANAGE_ROLES))


class RoleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Staff roles within the caller's subtree (administrators only). DELETE revokes."""

    lookup_value_regex = "[0-9]+"  # a non-numeric id is a 404, never a ValueError
    serializer_class = RoleSerializer
    permission_classes = [IsRoleManager]

    def get_queryset(self):
        return selectors.roles_for(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        grant = services.grant_role(request.user, data["user"], data["role"], data["organisation"],
                                    request=request)
        return Response(self.get_serializer(grant).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.revoke_role(self.request.user, instance, request=self.request)
