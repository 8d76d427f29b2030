from odaq.assistant.tests.conftest import _assistant_settings, chat_server, law  # noqa: F401 (fixtures)
