from .env import env

# Optional OpenAI-compatible endpoints; the embedded default uses none.
ODAQ_LLM_BASE_URL = env.str("ODAQ_LLM_BASE_URL", default="")
ODAQ_LLM_MODEL = env.str("ODAQ_LLM_MODEL", default="")
ODAQ_LLM_API_KEY = env.str("ODAQ_LLM_API_KEY", default="")
