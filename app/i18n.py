"""Language set-up: Simplified Chinese by default, English switchable."""


def init_app(app) -> None:
    # FAB's BabelManager reads translations from FAB's own catalogue and from
    # app/translations (ours override FAB's stale or missing zh strings).
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
