-- A TOTP enrolment waits in its own column until a code confirms it, so starting a new enrolment
-- never turns off the second factor already in use.
ALTER TABLE users ADD COLUMN totp_pending TEXT;
