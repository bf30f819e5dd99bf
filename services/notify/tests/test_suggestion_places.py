"""Where a scoring suggestion applies, in the author's message: 第3段第2句, not 'sentence 2 of
paragraph 3' (scoring's locations are English tokens; people read them in their language)."""

from __future__ import annotations

import pytest

from services.notify.domain.messages import place


@pytest.mark.parametrize(
    ("location", "zh", "en"),
    [
        ("paragraph 3", "第3段", "paragraph 3"),
        ("sentence 2 of paragraph 3", "第3段第2句", "sentence 2 of paragraph 3"),
        ("title", "标题", "title"),
        ("lead", "导语", "lead"),
        ("body", "正文", "text"),
        ("somewhere new", "somewhere new", "somewhere new"),
    ],
)
def test_a_location_is_said_in_the_message_language(location: str, zh: str, en: str) -> None:
    assert place(location, "zh") == zh
    assert place(location, "en") == en
