-- Druid's metadata store lives beside the control plane's database, in its own database.
CREATE DATABASE druid OWNER canopy;
