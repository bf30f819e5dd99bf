"""Release rules, subscription filters, cursors, signatures and message templates."""

from __future__ import annotations

import pytest

from services.notify.domain import Adoption, FeedItem, Invalid, Subscription
from services.notify.domain.feeds import decode_cursor, encode_cursor, json_feed_item, matches, releasable
from services.notify.domain.messages import ItemFacts, ScoreFacts, leader_adoption_message, score_message
from services.notify.domain.signing import hash_api_key, sign, verify
from services.notify.tests.harness import local

PROVINCE = Adoption("a1", "province", "zhengwu", "jn")
ITEM = FeedItem(
    "s1", unit_id="hs", title="秋粮收购", body="正文", category="经验", adoptions=(PROVINCE,), score=80.0
)


def test_adopted_items_are_cleared_unless_flagged() -> None:
    assert releasable(ITEM)
    assert not releasable(FeedItem("s2", title="t"))
    assert not releasable(FeedItem("s3", title="t", adoptions=(PROVINCE,), sensitive=True))
    assert not releasable(FeedItem("s4", title="t", adoptions=(PROVINCE,), cleared=False))
    assert releasable(FeedItem("s5", title="t", cleared=True))


def test_urgent_reports_wait_for_an_explicit_clearance() -> None:
    urgent = FeedItem("s6", title="t", adoptions=(PROVINCE,), urgent=True)
    assert not releasable(urgent)
    assert releasable(FeedItem("s6", title="t", adoptions=(PROVINCE,), urgent=True, cleared=True))


def test_a_sensitive_item_matches_no_subscription_even_if_cleared() -> None:
    sensitive = FeedItem("s7", title="t", adoptions=(PROVINCE,), sensitive=True, cleared=True)
    assert not matches(Subscription("x", "acme", adopted_only=False), sensitive)


@pytest.mark.parametrize(
    ("sub", "wanted"),
    [
        (Subscription("x", "a"), True),
        (Subscription("x", "a", levels=("province", "national")), True),
        (Subscription("x", "a", levels=("city",)), False),
        (Subscription("x", "a", categories=("动态",)), False),
        (Subscription("x", "a", units=("hs", "qs")), True),
        (Subscription("x", "a", units=("qs",)), False),
        (Subscription("x", "a", min_score=80), True),
        (Subscription("x", "a", min_score=80.5), False),
    ],
)
def test_subscriptions_filter_by_level_category_unit_and_score(sub: Subscription, wanted: bool) -> None:
    assert matches(sub, ITEM) is wanted


def test_an_unadopted_cleared_item_reaches_only_subscriptions_that_allow_it() -> None:
    cleared = FeedItem("s8", title="t", cleared=True)
    assert not matches(Subscription("x", "a"), cleared)
    assert matches(Subscription("x", "a", adopted_only=False), cleared)


def test_cursors_are_opaque_round_trips_bound_to_their_feed() -> None:
    cursor = encode_cursor("acme", 42)
    assert "42" not in cursor and decode_cursor("acme", cursor) == 42 and decode_cursor("acme", None) == 0
    for bad in (encode_cursor("other", 42), "garbage!", "djE6YWNtZTotMQ"):
        with pytest.raises(Invalid):
            decode_cursor("acme", bad)


def test_json_feed_items_carry_the_item_and_its_adoptions() -> None:
    entry = json_feed_item(ITEM, 3, local("2026-11-18 10:00"))
    assert entry["id"] == "s1" and entry["content_text"] == "正文" and entry["_xinbao"]["seq"] == 3
    assert entry["_xinbao"]["adoptions"][0]["level"] == "province" and "province" in entry["tags"]


def test_a_signature_verifies_only_with_the_secret_the_body_and_a_fresh_timestamp() -> None:
    body = b'{"a": 1}'
    signature = sign("secret", 1_700_000_000, body)
    assert signature.startswith("sha256=")
    assert verify("secret", "1700000000", body, signature, now=1_700_000_100)
    assert not verify("other", "1700000000", body, signature, now=1_700_000_100)
    assert not verify("secret", "1700000000", b'{"a": 2}', signature, now=1_700_000_100)
    assert not verify("secret", "1700000000", body, signature, now=1_700_000_301)  # replayed late
    assert not verify("secret", "1700000001", body, signature, now=1_700_000_100)  # timestamp swapped


def test_api_keys_are_stored_as_hashes() -> None:
    assert hash_api_key("xbk_abc") != "xbk_abc" and len(hash_api_key("xbk_abc")) == 64


def test_messages_carry_both_languages_and_default_to_the_items() -> None:
    item = ItemFacts("s1", "officer", "hs", "秋粮收购", "zh")
    message = score_message(item, ScoreFacts(71.4, "good", (("第2段", "补充数据"),)))
    assert message.subject == "《秋粮收购》质量评分 71 分（良好）"
    assert "改进建议：\n- 第2段：补充数据" in message.body
    subject, body = message.text("en")
    assert subject == '"秋粮收购" scored 71 (good)' and "Suggestions:\n- 第2段: 补充数据" in body


def test_main_leaders_hear_only_of_high_level_adoptions() -> None:
    item = ItemFacts("s1", "officer", "hs", "秋粮收购", "zh")
    assert leader_adoption_message(item, "chief", "河山镇", "yaoqing", "city") is None
    notice = leader_adoption_message(item, "chief", "河山镇", "zhengwu", "province")
    assert notice is not None and notice.recipient_id == "chief" and "省级" in notice.subject
