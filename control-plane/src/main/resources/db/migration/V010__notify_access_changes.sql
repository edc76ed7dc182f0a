-- Every control-plane instance keeps the keys it has seen in memory, and drops them all when
-- PostgreSQL tells it that a key, a tenant or a datasource changed (LISTEN canopy_access). These
-- triggers send that notice, after the commit, from every write to those tables, whoever makes it.
-- A key's last_used_at, written once a minute by every instance, is not a change of access.
CREATE FUNCTION canopy_notify_access_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('canopy_access', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_access_changed
    AFTER INSERT OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION canopy_notify_access_change();

CREATE TRIGGER api_keys_access_updated
    AFTER UPDATE ON api_keys
    FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
    EXECUTE FUNCTION canopy_notify_access_change();

CREATE TRIGGER tenants_access_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION canopy_notify_access_change();

CREATE TRIGGER datasources_access_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON datasources
    FOR EACH STATEMENT EXECUTE FUNCTION canopy_notify_access_change();
