"""Xinbao's shared library: the event contracts and the plumbing every service uses.

Services import from here and never from each other. Sub-packages:

- ``shared.contracts``: pydantic event models, one module per producing service, and topics.
- ``shared.messaging``: the Kafka broker factory, dead-lettering and retry.
- ``shared.persistence``: the unit of work with its inbox and outbox, Mongo and in-memory.
- ``shared.observability``: JSON logs and the metrics registry.
- ``shared.documents``: official documents (.docx) in the national format, GB/T 9704-2012.
"""
