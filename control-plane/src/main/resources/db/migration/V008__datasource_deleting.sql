-- A dedicated datasource's delete is accepted at once and finished by a background job; while it
-- runs the datasource is 'deleting' (still holding its name, so no second one is created under it).
ALTER TABLE datasources DROP CONSTRAINT datasources_status_check;
ALTER TABLE datasources ADD CONSTRAINT datasources_status_check
    CHECK (status IN ('active', 'suspended', 'deleting', 'deleted'));
