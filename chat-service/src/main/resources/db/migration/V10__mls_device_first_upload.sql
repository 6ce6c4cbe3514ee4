-- keys.changed "added" goes out when a device's first KeyPackages are uploaded, not when it registers: a member who
-- reacts at once must find a package to claim. first_upload_at records that first upload (NULL until then), so the
-- announcement goes out once per device; a device id registered again after its device went is a new row, and a new
-- device.
ALTER TABLE mls_devices ADD COLUMN first_upload_at timestamptz;

-- Devices that hold packages were announced when they registered; those without any are announced at their next upload.
UPDATE mls_devices d SET first_upload_at = d.created_at
WHERE EXISTS (SELECT 1 FROM mls_key_packages p WHERE p.user_id = d.user_id AND p.device_id = d.device_id);
