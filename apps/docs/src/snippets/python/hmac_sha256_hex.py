# Verify an HMAC-SHA256 hex delivery ("sha256=<hex>" of the raw body) with the standard library.
import hashlib
import hmac


def verify_hmac_sha256_hex(raw_body: bytes, headers, secret: str, signature_header="x-taskhooks-signature") -> bool:
    """headers: a mapping with lower-case names; signature_header e.g. "x-opentask-signature"."""
    given = headers.get(signature_header.lower())
    if not given:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(given.encode(), expected.encode())
