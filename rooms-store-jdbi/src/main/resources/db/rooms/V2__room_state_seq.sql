-- The state's place in its room's cluster-wide order (0: none). A save never replaces a higher one,
-- so with several nodes an older state cannot overwrite a newer one.
ALTER TABLE room_state ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
