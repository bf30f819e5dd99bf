"""E-mail through a configurable SMTP server (smtplib, run in a worker thread)."""

from __future__ import annotations

import asyncio
import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from services.notify.domain import Outcome
from services.notify.domain.signing import DELIVERY_HEADER
from services.notify.ports import Channel, Outgoing


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = "xinbao@localhost"
    starttls: bool = False
    timeout: float = 30.0


class SmtpChannel(Channel):
    """One SMTP session per message; 5xx answers are permanent, the rest are retried.

    The Message-ID derives from the delivery id, so a receiving system can drop the copy
    a crash between sending and recording may cause.
    """

    name = "email"

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    async def send(self, outgoing: Outgoing) -> Outcome:
        message = self.compose(outgoing)
        try:
            answer = await asyncio.to_thread(self._send, message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            return Outcome(
                False,
                f"refused {codes}",
                f"recipient refused: {error.recipients}",
                permanent=all(500 <= c < 600 for c in codes),
            )
        except smtplib.SMTPResponseException as error:
            text = (
                error.smtp_error.decode(errors="replace")
                if isinstance(error.smtp_error, bytes)
                else str(error.smtp_error)
            )
            return Outcome(
                False,
                str(error.smtp_code),
                f"SMTP {error.smtp_code}: {text}",
                permanent=500 <= error.smtp_code < 600,
            )
        except (OSError, smtplib.SMTPException) as error:
            return Outcome(False, "", f"{type(error).__name__}: {error}")
        return Outcome(True, answer)

    def compose(self, outgoing: Outgoing) -> EmailMessage:
        delivery = outgoing.delivery
        message = EmailMessage()
        message["Subject"] = delivery.subject
        message["From"] = self.config.sender
        message["To"] = delivery.address
        message["Date"] = formatdate(localtime=False)
        digest = hashlib.sha256(delivery.delivery_id.encode()).hexdigest()[:32]
        message["Message-ID"] = f"<{digest}@xinbao>"
        message[DELIVERY_HEADER] = delivery.delivery_id
        message.set_content(delivery.body)
        return message

    def _send(self, message: EmailMessage) -> str:
        config = self.config
        with smtplib.SMTP(config.host, config.port, timeout=config.timeout) as smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.user:
                smtp.login(config.user, config.password)
            smtp.send_message(message)
            return "250 accepted"
