REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "odaq.core.api_auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "odaq.core.api_errors.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Django's ValidationError / PermissionDenied / ObjectDoesNotExist from services become 400 / 403 / 404.
    "EXCEPTION_HANDLER": "odaq.core.api_errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Odaq API",
    "DESCRIPTION": "Unified digital platform of the trade union of education and science workers",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's files come from the pinned drf-spectacular-sidecar package: no third-party service at runtime.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {  # choice sets whose field names other apps use too
        "DisputeKindEnum": "odaq.disputes.choices.Kind",
        "DisputeClaimKindEnum": "odaq.disputes.choices.ClaimKind",
        "DisputeStageKindEnum": "odaq.disputes.choices.StageKind",
        "DisputeOutcomeEnum": "odaq.disputes.choices.Outcome",
    },
}
