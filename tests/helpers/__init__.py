"""Test helpers, imported from here and never from another test module.

    settings   ROOT, CORPUS, NOW and make_settings (settings that never read a .env)
    postgres   require_postgres, fresh_postgres_database (a throwaway database per test)
    slowdb     FrozenProxy (PostgreSQL frozen behind a relay), sqlite_write_lock, postgres_table_lock
    bot        bot_settings, ask, buttons, bold, and polling (defined once, in
               tests/fake_telegram/ptb.py: the one way a test runs an application)

The fake Bot API server itself is `tests.fake_telegram`; the fixtures are in conftest.py.
"""
