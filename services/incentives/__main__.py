"""``python -m services.incentives``: run the incentives service."""

from services.incentives.app import SERVICE, create_app
from services.incentives.settings import IncentivesSettings
from shared.runtime import serve

if __name__ == "__main__":
    serve(SERVICE, IncentivesSettings(), create_app)
