"""``python -m services.scoring``: run the scoring service."""

from services.scoring.app import SERVICE, create_app
from services.scoring.settings import ScoringSettings
from shared.runtime import serve

if __name__ == "__main__":
    serve(SERVICE, ScoringSettings(), create_app)
