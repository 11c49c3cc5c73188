-- Run once by the postgres image when it creates the database (/docker-entrypoint-initdb.d): the role the service
-- runs as. It owns nothing; the migrations (run as the database owner, QUARKUS_FLYWAY_USERNAME) grant it exactly what
-- the service does (V8__runtime_role.sql). Change the password for anything real.
CREATE ROLE backoffice_app LOGIN PASSWORD 'backoffice_app';
