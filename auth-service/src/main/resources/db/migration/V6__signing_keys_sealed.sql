-- Private keys are sealed now (token.PrivateKeySeal: AES-256-GCM under agentmail.auth.signing-keys.secret, the kid
-- bound in); auth-service seals the ones an earlier version stored in the clear as it starts.
comment on column signing_keys.private_key is
    'sealed:v1: and base64 of nonce and AES-256-GCM ciphertext of the PKCS#8 key, under the operators'' secret';
