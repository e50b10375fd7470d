# Verify a token-hash delivery: the header carries the hex SHA-256 of your endpoint token.
import hashlib
import hmac


def verify_token_hash(headers, token: str, token_hash_header="x-webhook-token-hash") -> bool:
    """The body is not signed by this scheme: use HTTPS. headers: a mapping with lower-case names."""
    given = headers.get(token_hash_header.lower())
    if not given:
        return False
    expected = hashlib.sha256(token.encode()).hexdigest()
    return hmac.compare_digest(given.lower().encode(), expected.encode())
