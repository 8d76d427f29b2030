"""Settings, split by concern; every module reads the environment through ``env``."""

from .ai import *  # noqa: F401,F403
from .api import *  # noqa: F401,F403
from .appeals import *  # noqa: F401,F403
from .celery import *  # noqa: F401,F403
from .django import *  # noqa: F401,F403
from .env import *  # noqa: F401,F403
from .logging import *  # noqa: F401,F403
from .security import *  # noqa: F401,F403
