"""Test helpers, imported from here and never from another test module.

    settings   ROOT, CORPUS, NOW and make_settings (settings that never read a .env)
    postgres   require_postgres, fresh_postgres_database (a throwaway database per test)
    bot        polling (the one way a test runs a bot), bot_settings, ask, buttons, bold

The fake Bot API server itself is `tests.fake_telegram`; the fixtures are in conftest.py.
"""
