"""``python -m services.notify``: run the notify service."""

from services.notify.app import SERVICE, create_app
from services.notify.settings import NotifySettings
from shared.runtime import serve

if __name__ == "__main__":
    serve(SERVICE, NotifySettings(), create_app)
