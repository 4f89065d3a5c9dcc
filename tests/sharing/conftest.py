from tests.editors.conftest import editor, guide_index, moderator  # noqa: F401
