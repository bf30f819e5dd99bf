"""The pull feed: JSON Feed 1.1 pages behind per-agency API keys, an opaque cursor that
pages without gaps or repeats while new items keep arriving."""

from __future__ import annotations

from typing import Any

from services.notify.tests.harness import Notify, adopted, received, sensitivity, withdrawn


async def agency(notify: Notify, agency_id: str = "acme", **subscription: Any) -> str:
    made = await notify.ok("POST", "/agencies", json={"agency_id": agency_id, "name": f"{agency_id} bureau"})
    await notify.ok("POST", f"/agencies/{agency_id}/subscriptions", json=subscription)
    return str(made["api_key"])


async def publish(notify: Notify, *ids: str) -> None:
    for sid in ids:
        await notify.send(received(sid))
        await notify.send(adopted(sid, level="city"))


async def page(notify: Notify, key: str, cursor: str | None = None, limit: int = 2) -> dict[str, Any]:
    params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    return dict(await notify.ok("GET", "/feeds/acme.json", params=params, headers=api_key(key), auth=None))


def api_key(key: str) -> dict[str, str]:
    return {"X-Api-Key": key}


async def feed_status(notify: Notify, feed: str, headers: dict[str, str] | None = None) -> int:
    """The status of the agency feed ``feed`` read with ``headers`` and no access token."""
    return (await notify.client.get(feed, headers=headers, auth=None)).status_code


async def read_to_the_end(notify: Notify, key: str, cursor: str | None, seen: list[str]) -> str:
    while True:
        document = await page(notify, key, cursor)
        seen += [item["id"] for item in document["items"]]
        cursor = document["_xinbao"]["next_cursor"]
        if not document["_xinbao"]["has_more"]:
            assert "next_url" not in document
            return str(cursor)
        assert document["next_url"].endswith(f"cursor={cursor}&limit=2")


async def test_a_client_pages_through_without_gaps_or_repeats_while_items_arrive(notify: Notify) -> None:
    key = await agency(notify)
    await publish(notify, "s1", "s2", "s3")
    first = await page(notify, key)
    seen = [item["id"] for item in first["items"]]
    await publish(notify, "s4", "s5", "s6")  # arrive while the client is paging
    cursor = await read_to_the_end(notify, key, first["_xinbao"]["next_cursor"], seen)
    await publish(notify, "s7")
    await read_to_the_end(notify, key, cursor, seen)
    assert seen == ["s1", "s2", "s3", "s4", "s5", "s6", "s7"]


async def test_the_feed_is_json_feed_1_1(notify: Notify) -> None:
    key = await agency(notify)
    await publish(notify, "s1")
    document = await page(notify, key)
    assert document["version"] == "https://jsonfeed.org/version/1.1" and document["title"].endswith(
        "acme bureau"
    )
    [item] = document["items"]
    assert {"id", "title", "content_text", "date_published"} <= set(item)
    assert item["_xinbao"]["adoptions"][0]["level"] == "city"


async def test_an_item_marked_sensitive_later_is_retracted_and_the_cursor_still_moves(notify: Notify) -> None:
    key = await agency(notify)
    await publish(notify, "s1", "s2", "s3")
    await notify.send(sensitivity("s2"))
    seen: list[str] = []
    await read_to_the_end(notify, key, None, seen)
    assert seen == ["s1", "s3", "s2"]  # s2's entry is gone; its retraction is the newest entry
    document = await page(notify, key, limit=10)
    retraction = document["items"][-1]
    assert retraction["id"] == "s2" and retraction["_xinbao"]["retracted"] is True
    assert (retraction["_xinbao"]["seq"], retraction["_xinbao"]["retracts_seq"]) == (4, 2)
    assert retraction["_xinbao"]["reason"] == "withheld" and "title" not in retraction


async def test_a_withdrawn_item_is_retracted_once_and_never_offered_again(notify: Notify) -> None:
    key = await agency(notify)
    await publish(notify, "s1")
    await notify.send(withdrawn("s1"))
    await notify.send(withdrawn("s1"))  # a redelivery (new event id): nothing more to retract
    await notify.send(sensitivity("s1", sensitive=False))
    items = (await page(notify, key, limit=10))["items"]
    assert [(i["id"], i["_xinbao"].get("retracted", False)) for i in items] == [("s1", True)]
    assert items[0]["_xinbao"]["reason"] == "withdrawn"


async def test_the_release_route_leaves_sensitivity_to_intake(notify: Notify) -> None:
    response = await notify.client.put("/items/s1/release", json={"sensitive": True})
    assert response.status_code == 422 and "/submissions/{id}/sensitivity" in response.text


async def test_each_agency_sees_its_own_feed_with_its_own_key(notify: Notify) -> None:
    acme = await agency(notify, "acme", levels=["city"])
    other = await agency(notify, "other", levels=["province"])
    await publish(notify, "s1")
    feed = "/feeds/acme.json"
    assert await feed_status(notify, feed) == 401
    assert await feed_status(notify, feed, api_key("xbk_guess")) == 401
    assert await feed_status(notify, feed, api_key(other)) == 403
    bearer = await notify.ok("GET", feed, headers={"Authorization": f"Bearer {acme}"}, auth=None)
    assert [i["id"] for i in bearer["items"]] == ["s1"]
    assert (await notify.ok("GET", "/feeds/other.json", headers=api_key(other), auth=None))["items"] == []


async def test_keys_are_hashed_at_rest_and_rotating_one_retires_the_old(notify: Notify) -> None:
    key = await agency(notify)
    stored = notify.memory.table("agencies")["acme"]
    assert key not in str(stored) and stored["api_key_hash"]
    listed = await notify.ok("GET", "/agencies")
    assert "api_key_hash" not in listed[0] and not any("webhook_secret" in field for field in listed[0])
    assert listed[0]["subscriptions"][0]["adopted_only"] is True
    new_key = (await notify.ok("POST", "/agencies/acme/keys"))["api_key"]
    assert await feed_status(notify, "/feeds/acme.json", api_key(key)) == 401
    assert await feed_status(notify, "/feeds/acme.json", api_key(new_key)) == 200


async def test_a_foreign_cursor_is_refused(notify: Notify) -> None:
    key = await agency(notify)
    response = await notify.client.get(
        "/feeds/acme.json", params={"cursor": "bm9wZQ"}, headers=api_key(key), auth=None
    )
    assert response.status_code == 422


async def test_an_item_enters_a_feed_once_however_often_it_is_adopted(notify: Notify) -> None:
    key = await agency(notify)
    await publish(notify, "s1")
    await notify.send(adopted("s1", level="province"))
    document = await page(notify, key, limit=10)
    assert [i["id"] for i in document["items"]] == ["s1"]
