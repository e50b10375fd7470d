# Verify a Standard Webhooks delivery with the Python standard library only.
import base64
import hashlib
import hmac
import time


def verify_standard_webhook(raw_body: bytes, headers, secrets, tolerance_seconds=300, now=None) -> bool:
    """headers: a mapping with lower-case names (Flask/Django/Starlette headers are case-insensitive).
    secrets: "whsec_..." or a list of them while rotating. raw_body: the exact bytes received."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures or not timestamp.isdigit():
        return False
    now = int(time.time()) if now is None else now
    if abs(now - int(timestamp)) > tolerance_seconds:
        return False
    given = [_decode(s[3:]) for s in signatures.split(" ") if s.startswith("v1,")]
    for secret in [secrets] if isinstance(secrets, str) else secrets:
        key = base64.b64decode(secret.removeprefix("whsec_"))
        signed = f"{msg_id}.{timestamp}.".encode() + raw_body
        expected = hmac.new(key, signed, hashlib.sha256).digest()
        if any(hmac.compare_digest(expected, signature) for signature in given):
            return True
    return False


def _decode(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error: not base64, so it cannot match
        return b""
