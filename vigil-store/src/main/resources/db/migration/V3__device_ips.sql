-- Which device an address belongs to, so the talk map and the conversations of a device do not
-- have to read every device document.
CREATE TABLE device_ips (
    ip TEXT PRIMARY KEY,
    device_id TEXT NOT NULL
);
CREATE INDEX device_ips_device ON device_ips (device_id);
