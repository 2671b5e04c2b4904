-- The RSA keys that sign internal tokens (docs/internal-token.md). The one with no retired_at signs; retired ones stay
-- published in the JWKS until every token they signed has expired.
create table signing_keys (
    kid         text primary key,                    -- the JWK thumbprint (RFC 7638) of the public key
    public_jwk  jsonb       not null,                -- as published in /jwks
    -- PKCS#8, base64. Stored unencrypted for now: whoever reads this table can sign tokens for any key.
    private_key text        not null,
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);

-- At most one active key: replicas that start together on an empty table insert one key between them.
create unique index signing_keys_one_active on signing_keys ((true)) where retired_at is null;
