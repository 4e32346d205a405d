-- Kept answers no longer hold secrets (docs/adr/0044-idempotent-replays-without-secrets.md). Answers kept before
-- this version may hold temporary pairing tokens and access tokens in clear: they are dropped. Their keys then act
-- as new keys for the rest of their 24 hours.
DELETE FROM idempotency_record;
