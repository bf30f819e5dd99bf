"""Demo data for Xinbao: a fictional province's org tree, people and information items,
loaded through intake's HTTP API by ``python -m deploy.demo``.

    data/*.yaml       the data (org tree, people, publications, items with workflow steps)
    model.py          typed values, and the request body intake expects for each
    dataset.py        reading the YAML into those values (pure)
    intake_client.py  the HTTP calls to intake
    loader.py         the order of loading, idempotency, skipped workflow routes
    cli.py            arguments, messages, exit status
"""

from deploy.demo.dataset import DATA_DIR, read_demo_data
from deploy.demo.intake_client import IntakeClient
from deploy.demo.loader import LoadReport, load_demo
from deploy.demo.model import DemoData

__all__ = ["DATA_DIR", "DemoData", "IntakeClient", "LoadReport", "load_demo", "read_demo_data"]
