"""REST API (thin): the disputes the caller sees (her own; for staff their scope, confidentiality applied),
their stages, opening one from an appeal, recording a stage and its outcome."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from odaq.appeals import selectors as appeal_selectors

from . import selectors, services
from .choices import Outcome, StageKind
from .models import Claim, Dispute, LegalBasis, Stage


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "kind", "amount", "description"]
        read_only_fields = fields


class BasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["act", "article", "title"]
        read_only_fields = fields


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "kind", "sequence", "skipped", "repeat", "body", "case_number", "filed_on", "decided_on",
                  "decision_received_on", "outcome", "awarded", "recovered", "reinstated"]
        read_only_fields = fields


class DisputeSerializer(serializers.ModelSerializer):
    claims = ClaimSerializer(many=True, read_only=True)
    basis = BasisSerializer(many=True, read_only=True)
    topic = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open or closed")

    class Meta:
        model = Dispute
        fields = ["id", "number", "appeal", "kind", "subject", "employer", "employer_bin", "organisation", "region",
                  "topic", "confidential", "status", "outcome", "awarded", "recovered", "reinstated",
                  "next_deadline", "next_deadline_code", "created_at", "closed_at", "claims", "basis"]
        read_only_fields = fields


class OpenSerializer(serializers.Serializer):
    appeal = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="The appeal to open it from")


class StageCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StageKind.choices)
    body = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    case_number = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    repeat = serializers.BooleanField(required=False, default=False)


class DecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decided_on = serializers.DateField()
    decision_received_on = serializers.DateField(required=False, allow_null=True, default=None)
    awarded = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**12, default=None)
    recovered = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**12,
                                         default=None)
    reinstated = serializers.BooleanField(required=False, default=False)


def _service(call):
    try:
        return call()
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) from exc


class DisputeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    serializer_class = DisputeSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["status", "outcome"]

    def get_queryset(self):
        return (selectors.visible_disputes(self.request.user).select_related("topic")
                .prefetch_related("claims", "basis").order_by("-created_at", "-pk"))

    def retrieve(self, request, *args, **kwargs):
        dispute = self.get_object()
        selectors.audit_read(request.user, dispute, request=request, channel="api")
        return Response(self.get_serializer(dispute).data)

    @extend_schema(request=OpenSerializer, responses={201: DisputeSerializer, 200: DisputeSerializer})
    def create(self, request, *args, **kwargs):
        """Open a dispute from an appeal (the appeal's member, employer, topic and confidentiality carried over);
        an open dispute already made from it is returned (200)."""
        serializer = OpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appeal = get_object_or_404(appeal_selectors.staff_appeals(request.user),
                                   pk=serializer.validated_data["appeal"])
        dispute, created = services.open_from_appeal(request.user, appeal, request=request)
        return Response(DisputeSerializer(dispute).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(methods=["GET"], responses=StageSerializer(many=True))
    @extend_schema(methods=["POST"], request=StageCreateSerializer, responses={201: StageSerializer})
    @action(detail=True, methods=["get", "post"])
    def stages(self, request, pk=None):
        """The stages in order. POST (the handling lawyer): start the next stage."""
        dispute = self.get_object()
        if request.method == "GET":
            return Response(StageSerializer(selectors.stages(dispute), many=True).data)
        if not selectors.can_handle(request.user, dispute):
            raise PermissionDenied
        serializer = StageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stage = _service(lambda: services.add_stage(request.user, dispute, **serializer.validated_data))
        return Response(StageSerializer(stage).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecisionSerializer, responses={200: StageSerializer})
    @action(detail=True, methods=["post"], url_path=r"stages/(?P<stage_id>[0-9]+)/decision")
    def decision(self, request, pk=None, stage_id=None):
        """Record a stage's outcome, amounts awarded and recovered, reinstatement."""
        dispute = self.get_object()
        if not selectors.can_handle(request.user, dispute):
            raise PermissionDenied
        stage = dispute.stages.filter(pk=int(stage_id)).first()
        if stage is None:
            raise NotFound
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stage = _service(lambda: services.decide_stage(request.user, stage, **serializer.validated_data))
        return Response(StageSerializer(stage).data)

    def get_object(self):
        try:
            return super().get_object()
        except (ValueError, TypeError) as exc:
            raise NotFound from exc
