"""A test CA, signer certificates, PKCS#12 files and a SoftHSM2 token, made in the tests
(cryptography, python-pkcs11): the real components digital justering uses."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_MODULES = (Path("/usr/lib/softhsm/libsofthsm2.so"),
                   Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
                   Path("/usr/local/lib/softhsm/libsofthsm2.so"))
PASSWORD = "hemligt-lösen"
PIN = "123456"
TOKEN = "nk-test"
_START = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_END = dt.datetime(2040, 1, 1, tzinfo=dt.UTC)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Testkommunen"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@dataclass
class SigningCA:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @classmethod
    def make(cls, cn: str = "Testkommunens CA") -> SigningCA:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn))
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(_START).not_valid_after(_END)
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                             key_encipherment=False, data_encipherment=False,
                                             key_agreement=False, key_cert_sign=True, crl_sign=True,
                                             encipher_only=False, decipher_only=False), critical=True)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(key, hashes.SHA256()))
        return cls(key, cert)

    def issue(self, cn: str, public_key) -> x509.Certificate:
        return (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(self.cert.subject)
                .public_key(public_key).serial_number(x509.random_serial_number())
                .not_valid_before(_START).not_valid_after(_END)
                .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                             key_encipherment=False, data_encipherment=False,
                                             key_agreement=False, key_cert_sign=False, crl_sign=False,
                                             encipher_only=False, decipher_only=False), critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False)
                .sign(self.key, hashes.SHA256()))

    def write_pem(self, path: Path) -> Path:
        path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        return path

    def pkcs12(self, cn: str, path: Path, password: str = PASSWORD) -> Path:
        """A PKCS#12 file with a new key and a certificate for ``cn``, and the CA."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        data = pkcs12.serialize_key_and_certificates(
            cn.encode(), key, self.issue(cn, key.public_key()), [self.cert],
            serialization.BestAvailableEncryption(password.encode()))
        path.write_bytes(data)
        return path


def timestamp_server(ca: SigningCA):
    """An RFC 3161 time-stamp server on localhost (pyHanko's own TSA answering HTTP POST
    requests, certificate from ``ca``); a context manager giving its URL."""
    import contextlib
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    builder = (x509.CertificateBuilder().subject_name(_name("Testkommunens tidsstämpel"))
               .issuer_name(ca.cert.subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(_START).not_valid_after(_END)
               .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]),
                              critical=True))
    cert = builder.sign(ca.key, hashes.SHA256())
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        certs_to_embed=[asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))])
    requests: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            requests.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    @contextlib.contextmanager
    def serving():
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/tsa", requests
        finally:
            server.shutdown()
            server.server_close()
            thread.join()

    return serving()


def softhsm_module() -> Path | None:
    if shutil.which("softhsm2-util") is None:
        return None
    return next((p for p in SOFTHSM_MODULES if p.exists()), None)


def init_token(folder: Path) -> Path:
    """A SoftHSM2 configuration with one initialised token (label :data:`TOKEN`, user PIN
    :data:`PIN`) in ``folder``; set SOFTHSM2_CONF to the returned file."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
                    "--so-pin", "654321"], check=True, capture_output=True, env={"SOFTHSM2_CONF": str(conf)})
    return conf


def token_signer(module: Path, ca: SigningCA, cn: str, label: str) -> None:
    """A key pair made on the token (the private key never leaves it) and the CA's
    certificate for ``cn`` stored beside it, both under ``label``."""
    import pkcs11
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.constants import CertificateType

    token = pkcs11.lib(str(module)).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        public, _private = session.generate_keypair(KeyType.RSA, 2048, label=label, id=label.encode(),
                                                    store=True)
        numbers = rsa.RSAPublicNumbers(int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
                                       int.from_bytes(public[Attribute.MODULUS], "big"))
        cert = ca.issue(cn, numbers.public_key())
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True,
            Attribute.LABEL: label,
            Attribute.ID: label.encode(),
            Attribute.SUBJECT: cert.subject.public_bytes(),
            Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
        })


@contextlib.contextmanager
def softhsm_token(folder: Path) -> Iterator[Path]:
    """A SoftHSM2 token made in ``folder`` for a test module, SOFTHSM2_CONF pointing at it
    while the module runs; yields the PKCS#11 module. Skips without softhsm2. (The
    PKCS#11 library reads its configuration once per process: when another module's token
    was opened first, that token is used, so each module's key labels are its own.)"""
    import pytest

    module = softhsm_module()
    if module is None:
        pytest.skip("softhsm2 saknas (Debian-paketet softhsm2; make test installerar det)")
    conf = init_token(folder)
    before = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    try:
        yield module
    finally:
        if before is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = before


def changed_before_signing(exported: bytes) -> bytes:
    """The first page's text drawn invisibly, added as an incremental update: the bytes
    sent are still a prefix, but the content changed before anyone signed."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(exported))
    page = writer.root["/Pages"]["/Kids"][0]
    contents = page.get_object()["/Contents"]
    stream = (contents[0] if isinstance(contents, list) else contents).get_object()
    stream._data = stream.data.replace(b"BT", b"BT 3 Tr", 1)
    stream._encoded_data = None
    writer.mark_update(stream.container_ref if hasattr(stream, "container_ref") else contents)
    writer.update_container(stream)
    changed = io.BytesIO()
    writer.write(changed)
    return changed.getvalue()
