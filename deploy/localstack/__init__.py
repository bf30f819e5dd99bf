"""The local stack: genuine Kafka, SecantusDB and the four services as processes on 127.0.0.1.

Standard library only, so it runs before the venv exists. ``python -m deploy.localstack``
is the command line; tests use ``Stack``::

    stack = Stack(StackConfig.with_free_ports(tmp_path))
    stack.start_infra()
    scoring = stack.start_service("scoring")
    ...
    stack.stop_all()
"""

from deploy.localstack.config import SERVICES, StackConfig, free_port
from deploy.localstack.errors import StackError
from deploy.localstack.services import ServiceProcess
from deploy.localstack.stack import Stack

__all__ = ["SERVICES", "ServiceProcess", "Stack", "StackConfig", "StackError", "free_port"]
