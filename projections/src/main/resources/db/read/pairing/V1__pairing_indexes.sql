-- Pairings are listed newest first, optionally by state; devices most recently paired first, optionally by platform
-- or revocation. Each index leads with the filtered field and follows the list order, so a filtered page is one
-- index range scan.
CREATE INDEX pairing_created_idx ON view_row ((body ->> 'created_at') DESC, id) WHERE view = 'pairing';
CREATE INDEX pairing_state_idx ON view_row ((body ->> 'state'), (body ->> 'created_at') DESC, id)
    WHERE view = 'pairing';

CREATE INDEX device_paired_idx ON view_row ((body ->> 'paired_at') DESC, id) WHERE view = 'device';
CREATE INDEX device_platform_idx ON view_row ((body ->> 'platform'), (body ->> 'paired_at') DESC, id)
    WHERE view = 'device';
CREATE INDEX device_revoked_idx ON view_row ((body ->> 'revoked'), (body ->> 'paired_at') DESC, id)
    WHERE view = 'device';
