"""REST API (thin): members file and follow their appeals; staff read their scope and write messages.

``Idempotency-Key`` on POST /appeals/: a repeated key returns the appeal filed the first time (200, not 201).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from odaq.orgs.selectors import my_person

from . import selectors, services
from .choices import Channel
from .models import SUBJECT_MAX, TEXT_MAX, Appeal, AppealEvent, Topic


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return reverse("appeals:download", args=[obj.pk])


class AppealSerializer(serializers.ModelSerializer):
    topic = serializers.SlugRelatedField(slug_field="code", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    status = serializers.CharField(read_only=True, help_text="submitted, registered, in_progress, waiting, "
                                                             "answered or closed")
    answer_language = serializers.CharField(read_only=True, help_text="kk or ru")

    class Meta:
        model = Appeal
        fields = ["id", "number", "topic", "subject", "description", "employer", "confidential", "answer_language",
                  "answer_channel", "status", "created_at", "due_date", "is_overdue", "extended", "extension_reason",
                  "answered_at", "closed_at", "result", "legal_basis", "economic_effect", "rating", "rating_comment",
                  "organisation"]
        read_only_fields = fields


class AppealCreateSerializer(serializers.Serializer):
    topic = serializers.SlugRelatedField(slug_field="code", queryset=Topic.objects.filter(active=True))
    subject = serializers.CharField(max_length=SUBJECT_MAX)
    description = serializers.CharField(max_length=TEXT_MAX)
    employer = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    confidential = serializers.BooleanField(required=False, default=False)
    answer_language = serializers.CharField(max_length=2, required=False, default="kk", help_text="kk or ru")
    answer_channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.CABINET)
    ai_record_id = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)


class EventSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = AppealEvent
        fields = ["id", "kind", "text", "data", "visible_to_member", "created_at", "attachments"]
        read_only_fields = fields


class MessageSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX)
    internal = serializers.BooleanField(required=False, default=False)


IDEMPOTENCY = OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                               description="A unique key per filing; a repeat returns the first appeal.")


class AppealViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Appeals the caller may see: her own, and for staff those of their scope (confidentiality applied)."""

    lookup_value_regex = "[0-9]+"  # a non-numeric id is a 404, never a ValueError
    serializer_class = AppealSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.visible_appeals(self.request.user).select_related("topic").order_by("-created_at", "-pk")

    @extend_schema(request=AppealCreateSerializer, responses={201: AppealSerializer, 200: AppealSerializer},
                   parameters=[IDEMPOTENCY])
    def create(self, request, *args, **kwargs):
        person = my_person(request.user)
        if person is None:
            raise PermissionDenied("Only members file appeals here.")
        serializer = AppealCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        filing = services.Filing(**data)
        appeal, created = services.file_appeal(
            request.user, person, filing, files=request.FILES.getlist("files"),
            idempotency_key=request.headers.get("Idempotency-Key"), request=request)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(AppealSerializer(appeal).data, status=code)

    @extend_schema(methods=["GET"], responses=EventSerializer(many=True))
    @extend_schema(methods=["POST"], request=MessageSerializer, responses={201: EventSerializer})
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        """The timeline (the member sees what is meant for her). POST: the member writes, or a handler asks
        the member (``internal``: a comment the member does not see)."""
        appeal = self.get_object()
        user = request.user
        is_owner = appeal.person.user_id == user.pk
        is_staff_view = selectors.staff_appeals(user).filter(pk=appeal.pk).exists()
        if request.method == "GET":
            selectors.audit_read(user, appeal, request=request, channel="api")
            events = selectors.timeline(appeal, for_member=not is_staff_view)
            return Response(EventSerializer(events, many=True).data)
        serializer = MessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        text, internal = serializer.validated_data["text"], serializer.validated_data["internal"]
        files = request.FILES.getlist("files")
        if is_owner and not internal:
            event = services.reply(user, appeal, text, files=files)
        elif selectors.can_handle(user, appeal):
            event = (services.comment(user, appeal, text) if internal
                     else services.ask(user, appeal, text, files=files))
        else:
            raise PermissionDenied
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        appeal = self.get_object()
        selectors.audit_read(request.user, appeal, request=request, channel="api")
        return Response(self.get_serializer(appeal).data)

    def get_object(self):
        try:
            return super().get_object()
        except (ValueError, TypeError) as exc:
            raise NotFound from exc
