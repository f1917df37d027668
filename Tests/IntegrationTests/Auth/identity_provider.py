#!/usr/bin/env python3
"""An identity provider for tests, built on Authlib (OAuth 2.0 server) and joserfc (JOSE):

    identity_provider.py PORT DIR HMAC_SECRET

- POST /oauth/token: the client credentials grant (RFC 6749 4.4), clients authenticated with
  HTTP Basic; access tokens are RS256 JWTs carrying the client's claims.
- POST /oauth/introspect: token introspection (RFC 7662) for authenticated clients.
- GET /jwks: the public keys (kids rsa-1, ec-1, ed-1), with Cache-Control: max-age=MAX_AGE
  (POST /config {"maxAge": n} changes it).
- POST /mint {"alg", "claims", "kid" (default: the key's), "noKid"}: a JWT signed with the key for
  alg (HS256/384/512 with HMAC_SECRET; RS*, PS* with the RSA key; ES256; EdDSA).
- GET /stats: how many times each endpoint was asked.
DIR receives rsa.pem, ec.pem, ed.pem (public keys) and jwks.json when it starts; "listening" is
printed when it serves.
"""
import json
import sys
import threading
import time

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc7662 import IntrospectionEndpoint
from cryptography.hazmat.primitives import serialization
from flask import Flask, jsonify, request
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, OctKey, OKPKey, RSAKey

port, directory, hmac_secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rsa = RSAKey.generate_key(2048, parameters={"kid": "rsa-1"}, private=True)
ec = ECKey.generate_key("P-256", parameters={"kid": "ec-1"}, private=True)
ed = OKPKey.generate_key("Ed25519", parameters={"kid": "ed-1"}, private=True)
hmac = OctKey.import_key(hmac_secret)
state = {"maxAge": 300, "stats": {"jwks": 0, "token": 0, "introspect": 0}, "tokens": {}}
lock = threading.Lock()

for name, key in (("rsa", rsa), ("ec", ec), ("ed", ed)):
    pem = key.private_key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with open(f"{directory}/{name}.pem", "wb") as out:
        out.write(pem)
public_jwks = {"keys": [k.as_dict(private=False) | {"use": "sig"} for k in (rsa, ec, ed)]}
public_jwks["keys"][0]["alg"] = "RS256"
public_jwks["keys"][1]["alg"] = "ES256"
public_jwks["keys"][2]["alg"] = "EdDSA"
with open(f"{directory}/jwks.json", "w") as out:
    json.dump(public_jwks, out)


class Client(ClientMixin):
    def __init__(self, client_id, secret, claims, scope):
        self.client_id, self.secret, self.claims, self.scope = client_id, secret, claims, scope

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return scope or self.scope

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return client_secret == self.secret

    def check_endpoint_auth_method(self, method, endpoint):
        return method == "client_secret_basic"

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == "client_credentials"


CLIENTS = {
    "gateway": Client("gateway", "gateway-secret", {"grp": "admin", "areas": ["office", "home"]}, "read write"),
    "reader": Client("reader", "reader-secret", {"grp": "reader", "areas": ["lab"]}, "read"),
}


class Token:
    def __init__(self, value, client, scope, expires_at):
        self.value, self.client, self.scope, self.expires_at = value, client, scope, expires_at

    def get_client_id(self):
        return self.client.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return int(self.expires_at - time.time())

    def is_expired(self):
        return time.time() >= self.expires_at

    def is_revoked(self):
        return False


def generate_token(grant_type, client, user=None, scope=None, expires_in=None, include_refresh_token=True):
    now = int(time.time())
    claims = {"iss": f"http://127.0.0.1:{port}", "sub": client.client_id, "aud": request.form.get("audience", "tee"),
              "iat": now, "exp": now + 120, "scope": scope or client.scope} | client.claims
    value = jwt.encode({"alg": "RS256", "kid": "rsa-1"}, claims, rsa)
    return {"access_token": value, "token_type": "Bearer", "expires_in": 120, "scope": scope or client.scope}


def save_token(token, req):
    with lock:
        state["tokens"][token["access_token"]] = Token(token["access_token"], req.client, token.get("scope"), time.time() + 120)


class Introspection(IntrospectionEndpoint):
    CLIENT_AUTH_METHODS = ["client_secret_basic"]

    def query_token(self, token_string, token_type_hint):
        with lock:
            return state["tokens"].get(token_string)

    def introspect_token(self, token):
        return {"active": True, "client_id": token.client.client_id, "sub": token.client.client_id, "scope": token.scope,
                "token_type": "Bearer", "exp": int(token.expires_at), "iss": f"http://127.0.0.1:{port}"} | token.client.claims

    def check_permission(self, token, client, req):
        return True


app = Flask(__name__)
server = AuthorizationServer(app, query_client=CLIENTS.get, save_token=save_token)
server.register_grant(grants.ClientCredentialsGrant)
server.register_token_generator("client_credentials", generate_token)
server.register_endpoint(Introspection)


def count(name):
    with lock:
        state["stats"][name] += 1


@app.post("/oauth/token")
def token():
    count("token")
    return server.create_token_response()


@app.post("/oauth/introspect")
def introspect():
    count("introspect")
    return server.create_endpoint_response(Introspection.ENDPOINT_NAME)


@app.get("/jwks")
def jwks():
    count("jwks")
    response = jsonify(public_jwks)
    response.headers["Cache-Control"] = f"max-age={state['maxAge']}"
    return response


@app.post("/config")
def config():
    state["maxAge"] = request.get_json()["maxAge"]
    return jsonify(ok=True)


@app.post("/mint")
def mint():
    body = request.get_json()
    alg = body["alg"]
    key = hmac if alg.startswith("HS") else rsa if alg[:2] in ("RS", "PS") else ec if alg.startswith("ES") else ed
    header = {"alg": alg, "typ": "JWT"}
    if not body.get("noKid") and not alg.startswith("HS"):
        header["kid"] = body.get("kid", key.kid)
    return jwt.encode(header, body["claims"], key, algorithms=[alg])


@app.get("/stats")
def stats():
    with lock:
        return jsonify(state["stats"])


print("listening", flush=True)
app.run(host="127.0.0.1", port=port, threaded=True)
