# Check the static auth headers you configured on the sender (e.g. Authorization: Bearer ...).
import hmac


def verify_header_auth(headers, expected: dict) -> bool:
    """expected: e.g. {"Authorization": "Bearer " + os.environ["WEBHOOK_TOKEN"]}."""
    if not expected:
        return False
    for name, value in expected.items():
        given = headers.get(name.lower())
        if given is None or not hmac.compare_digest(given.encode(), value.encode()):
            return False
    return True
