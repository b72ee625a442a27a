"""The operator's signing keys: P-256 key files with a self-signed certificate each, in SIGNING_KEY_DIR.

keys.json lists every key id with the period it signed for; the newest key without an end is the current one.
Retired keys keep their certificate (and so their public key) so that what they signed still verifies.
"""

import base64
import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc.jwk import ECKey

INDEX = "keys.json"
ALGORITHM = "ES256"
CERTIFICATE_YEARS = 10


class NoSigningKey(ImproperlyConfigured):
    """No key in SIGNING_KEY_DIR (and SIGNING_KEY_AUTOCREATE is off)."""


@dataclass(frozen=True)
class SigningKey:
    kid: str
    signed_from: datetime.datetime
    signed_until: datetime.datetime | None
    directory: Path

    @property
    def certificate_path(self) -> Path:
        return self.directory / f"{self.kid}.crt.pem"

    @property
    def private_key_path(self) -> Path:
        return self.directory / f"{self.kid}.key.pem"

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.certificate_path.read_bytes())

    def private_key(self) -> ec.EllipticCurvePrivateKey:
        return serialization.load_pem_private_key(self.private_key_path.read_bytes(), password=None)

    def signing_jwk(self) -> ECKey:
        return ECKey.import_key(self.private_key_path.read_bytes(), {"kid": self.kid, "alg": ALGORITHM, "use": "sig"})

    def public_jwk(self) -> dict:
        """The public key as a JWK, with its certificate (x5c) and the period it signed for."""
        certificate = self.certificate()
        public_pem = certificate.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        jwk = ECKey.import_key(public_pem).as_dict(private=False)
        der = certificate.public_bytes(serialization.Encoding.DER)
        jwk.update(
            kid=self.kid,
            alg=ALGORITHM,
            use="sig",
            x5c=[base64.b64encode(der).decode()],
            signed_from=self.signed_from.isoformat(),
        )
        if self.signed_until:
            jwk["signed_until"] = self.signed_until.isoformat()
        return jwk


def _directory() -> Path:
    return Path(settings.SIGNING_KEY_DIR)


def _read_index(directory: Path) -> list[dict]:
    path = directory / INDEX
    if not path.exists():
        return []
    return json.loads(path.read_text())["keys"]


def _write_index(directory: Path, rows: list[dict]) -> None:
    temporary = directory / (INDEX + ".tmp")
    temporary.write_text(json.dumps({"keys": rows}, indent=2))
    temporary.replace(directory / INDEX)


def all_keys() -> list[SigningKey]:
    """Every key that ever signed, oldest first."""
    directory = _directory()
    return [
        SigningKey(
            kid=row["kid"],
            signed_from=datetime.datetime.fromisoformat(row["signed_from"]),
            signed_until=datetime.datetime.fromisoformat(row["signed_until"]) if row.get("signed_until") else None,
            directory=directory,
        )
        for row in _read_index(directory)
    ]


def current_key() -> SigningKey:
    """The key that signs now; made on first use only when SIGNING_KEY_AUTOCREATE is on."""
    current = [key for key in all_keys() if key.signed_until is None]
    if current:
        return current[-1]
    if settings.SIGNING_KEY_AUTOCREATE:
        return create_key()
    raise NoSigningKey(f"No signing key in {_directory()}: run `manage.py ensure_signing_key` or set SIGNING_KEY_DIR.")


def _self_signed_certificate(private_key: ec.EllipticCurvePrivateKey, now: datetime.datetime) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, settings.SIGNING_OPERATOR_NAME[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.SIGNING_OPERATOR_NAME[:64]),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365 * CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(private_key.public_key()), critical=False)
        .sign(private_key, hashes.SHA256())
    )


def create_key() -> SigningKey:
    """A new P-256 key and certificate that becomes the current key; the previous one is retired now."""
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    private_key = ec.generate_private_key(ec.SECP256R1())
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    kid = ECKey.import_key(private_pem).thumbprint()
    key_path = directory / f"{kid}.key.pem"
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_pem)
    certificate = _self_signed_certificate(private_key, now)
    (directory / f"{kid}.crt.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    rows = _read_index(directory)
    for row in rows:
        row.setdefault("signed_until", None)
        if row["signed_until"] is None:
            row["signed_until"] = now.isoformat()
    rows.append({"kid": kid, "signed_from": now.isoformat(), "signed_until": None})
    _write_index(directory, rows)
    return SigningKey(kid=kid, signed_from=now, signed_until=None, directory=directory)
