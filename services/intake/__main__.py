"""``python -m services.intake``: run the intake service."""

from services.intake.app import SERVICE, create_app
from services.intake.settings import IntakeSettings
from shared.runtime import serve

if __name__ == "__main__":
    serve(SERVICE, IntakeSettings(), create_app)
