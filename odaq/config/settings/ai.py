from .env import BASE_DIR, PRODUCTION, VAR_DIR, env

# Optional OpenAI-compatible endpoints; the embedded default uses none.
ODAQ_LLM_BASE_URL = env.str("ODAQ_LLM_BASE_URL", default="")
ODAQ_LLM_MODEL = env.str("ODAQ_LLM_MODEL", default="")
ODAQ_LLM_API_KEY = env.str("ODAQ_LLM_API_KEY", default="")

# Legal knowledge base: where official act texts are read from (a manifest.json and its files),
# and where the search index keeps its vectors between starts.
ODAQ_LAW_DATA_DIR = env.path("ODAQ_LAW_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data" / "law"))
ODAQ_LAW_INDEX_DIR = env.path("ODAQ_LAW_INDEX_DIR", default=str(VAR_DIR / "law_index"))
# Who computes passage vectors: a Celery worker after each import (production), or the web process
# in a background thread on first use (embedded default: imports stay quick, search is lexical meanwhile).
ODAQ_LAW_EMBED_ON_IMPORT = env.bool("ODAQ_LAW_EMBED_ON_IMPORT", default=PRODUCTION)
ODAQ_LAW_DENSE_IN_BACKGROUND = env.bool("ODAQ_LAW_DENSE_IN_BACKGROUND", default=True)
