"""Session tokens and the readable diff of revisions, as plain functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.intake import passwords, tokens
from services.intake.domain.diff import diff_texts, history, mark, sentences

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
KEY = b"k" * 32


def test_a_token_carries_its_claims_until_it_expires() -> None:
    claims = tokens.Claims("officer", "s1", NOW + timedelta(hours=1))
    token = tokens.issue(KEY, claims)
    assert tokens.verify(KEY, token, NOW) == claims
    with pytest.raises(tokens.InvalidToken, match="expired"):
        tokens.verify(KEY, token, NOW + timedelta(hours=1))
    with pytest.raises(tokens.InvalidToken):
        tokens.verify(b"other" * 8, token, NOW)


def test_passwords_are_salted_and_long_chinese_passphrases_work() -> None:
    phrase = "我的密码是一句很长很长的中文句子" * 3
    first, second = passwords.hash_password(phrase, 4), passwords.hash_password(phrase, 4)
    assert first != second
    assert passwords.check_password(phrase, first) and not passwords.check_password("x", first)
    assert not passwords.check_password(phrase, None, rounds=4)


def test_chinese_text_splits_into_sentences_at_full_width_marks() -> None:
    assert sentences("一是设点8个。二是“代烘”！三是？") == ["一是设点8个。", "二是“代烘”！", "三是？"]
    assert sentences("He said “好。”然后走了。") == ["He said “好。”", "然后走了。"]


def test_an_edit_inside_a_sentence_marks_the_characters_and_whole_figures() -> None:
    assert mark("收购秋粮1.2万吨。", "收购秋粮1.5万吨。") == "收购秋粮[-1.2-]{+1.5+}万吨。"
    assert mark("农户排队时间缩短。", "农户平均排队时间缩短。") == "农户{+平均+}排队时间缩短。"


def test_a_rewritten_sentence_is_marked_whole() -> None:
    assert mark("高度重视。", "新增烘干设备3台。") == "[-高度重视。-]{+新增烘干设备3台。+}"


def test_paragraph_changes_name_inserts_deletes_and_changes() -> None:
    changes = diff_texts("甲。\n\n乙。\n\n丙。", "甲。\n\n乙二。\n\n丙。\n\n丁。")
    assert [(c["op"], c["paragraph"]) for c in changes] == [("change", 1), ("insert", 3)]


def test_history_lists_each_change_with_its_author() -> None:
    versions = [
        {"revision": 0, "title": "甲", "body": "一。", "by": "officer", "by_editor": False, "at": NOW},
        {"revision": 1, "title": "甲", "body": "一二。", "by": "editor", "by_editor": True, "at": NOW},
    ]
    (change,) = history(versions)
    assert change["by"] == "editor" and change["title"] is None
    assert change["paragraphs"][0]["marked"] == "一{+二+}。"
