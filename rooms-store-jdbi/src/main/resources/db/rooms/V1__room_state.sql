-- One row per room: its latest state (JSON text), when it was written, and how many writes it has had.
CREATE TABLE room_state (
    room      VARCHAR(64)              NOT NULL PRIMARY KEY,
    state     VARCHAR                  NOT NULL,
    saved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version   BIGINT                   NOT NULL
);
