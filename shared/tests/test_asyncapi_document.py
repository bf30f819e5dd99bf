"""The committed AsyncAPI document is the one the contracts generate."""

import yaml

from shared.contracts import ALL_EVENT_TYPES, topics
from shared.contracts.asyncapi import DOCUMENT, build_document, main, render


def test_committed_document_is_current() -> None:
    assert DOCUMENT.exists(), "run: python -m shared.contracts.asyncapi"
    assert main(["--check"]) == 0, "docs/asyncapi.yaml is stale: python -m shared.contracts.asyncapi"


def test_document_names_every_topic_and_event_type() -> None:
    text = render()
    for topic in topics.ALL_TOPICS:
        assert topic in text
    schemas = build_document()["components"]["schemas"]
    for cls in ALL_EVENT_TYPES:
        assert cls.__name__ in schemas


def test_document_is_valid_yaml_with_field_descriptions() -> None:
    document = yaml.safe_load(render())
    received = document["components"]["schemas"]["SubmissionReceived"]
    assert received["properties"]["unit_id"]["description"]
