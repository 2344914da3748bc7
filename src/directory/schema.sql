-- schema.sql — the service directory's tables, migration 1. Embedded in the
-- binary (src/directory/db.c runs it once, in one transaction, when
-- PRAGMA user_version is 0, and sets user_version to 1). A later change is a new
-- migration file, never an edit of this one.
--
-- The HSDS 3.0 objects safepath needs keep their HSDS names and fields (text
-- ids are the HSDS ids, UUIDs); each table also has an integer rowid used for
-- joins and indexes. What HSDS lacks and this field needs lives in typed columns
-- on service and location (docs/taxonomy.md), exported as HSDS attribute rows
-- under the safepath taxonomy. Child rows belong to one parent and go with it
-- (ON DELETE CASCADE), so re-importing a service replaces its children.

CREATE TABLE organization (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  alternate_name TEXT,
  description TEXT NOT NULL DEFAULT '',
  email TEXT,
  website TEXT,
  legal_status TEXT,
  year_incorporated INTEGER,
  parent_organization_id TEXT,
  uri TEXT
);

CREATE TABLE service (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  alternate_name TEXT,
  description TEXT,
  url TEXT,
  email TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services TEXT,
  application_process TEXT,
  fees_description TEXT,
  eligibility_description TEXT,
  minimum_age REAL,
  maximum_age REAL,
  assured_date TEXT,            -- YYYY-MM-DD: when a person last checked the entry
  assurer_email TEXT,
  alert TEXT,
  -- safepath: access conditions (docs/taxonomy.md); NULL = not known
  status_required TEXT CHECK (status_required IN ('none', 'any_valid_status',
                              'permanent_resident_or_citizen', 'work_permit')),
  id_required INTEGER CHECK (id_required IN (0, 1)),
  asks_status INTEGER CHECK (asks_status IN (0, 1)),
  shares_with_enforcement TEXT CHECK (shares_with_enforcement IN ('no',
                              'warrant_or_court_order', 'yes')),
  serves_trp_holders INTEGER CHECK (serves_trp_holders IN (0, 1)),
  indigenous_led INTEGER CHECK (indigenous_led IN (0, 1)),
  gender_specific TEXT,         -- NULL: not gender-specific or not known; else who it serves
  trauma_informed INTEGER CHECK (trauma_informed IN (0, 1)),
  jurisdiction TEXT CHECK (jurisdiction IN ('federal', 'provincial_territorial',
                              'municipal', 'indigenous', 'non_governmental')),
  province TEXT CHECK (province IS NULL OR length(province) = 2),  -- CA for national
  source TEXT,                  -- where the information comes from
  verified TEXT,                -- YYYY-MM-DD: when that source was checked
  unverified_note TEXT,         -- what could not be confirmed; shown to users
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1))
);
CREATE INDEX service_org ON service(organization_id);
CREATE INDEX service_province ON service(province);

CREATE TABLE location (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  location_type TEXT NOT NULL CHECK (location_type IN ('physical', 'postal', 'virtual')),
  url TEXT,
  name TEXT,
  alternate_name TEXT,
  description TEXT,
  transportation TEXT,
  latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  external_identifier TEXT,
  external_identifier_type TEXT,
  -- safepath: a confidential site (a shelter): street address and coordinates
  -- are never shown, exported or used for distance; only the city and an intake
  -- phone. The importer drops them for such a location.
  confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1))
);
CREATE INDEX location_org ON location(organization_id);

CREATE TABLE service_at_location (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  description TEXT,
  UNIQUE (service_id, location_id)
);
CREATE INDEX sal_location ON service_at_location(location_id);

CREATE TABLE address (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  location_id TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  attention TEXT,
  address_1 TEXT NOT NULL,
  address_2 TEXT,
  city TEXT NOT NULL,
  region TEXT,
  state_province TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  country TEXT NOT NULL,
  address_type TEXT NOT NULL CHECK (address_type IN ('physical', 'postal', 'virtual'))
);
CREATE INDEX address_location ON address(location_id);
CREATE INDEX address_city ON address(city COLLATE NOCASE);

-- A phone belongs to exactly one of these parents (HSDS allows any of them).
CREATE TABLE phone (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  contact_id TEXT,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  number TEXT NOT NULL,
  extension REAL,
  type TEXT,
  description TEXT,
  -- safepath: the intake line shown for a confidential location
  intake INTEGER NOT NULL DEFAULT 0 CHECK (intake IN (0, 1))
);
CREATE INDEX phone_service ON phone(service_id);
CREATE INDEX phone_location ON phone(location_id);
CREATE INDEX phone_org ON phone(organization_id);
CREATE INDEX phone_sal ON phone(service_at_location_id);

CREATE TABLE language (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  phone_id TEXT REFERENCES phone(id) ON DELETE CASCADE,
  name TEXT,
  code TEXT,                    -- ISO 639-1 or 639-3, lower case
  note TEXT
);
CREATE INDEX language_service ON language(service_id);
CREATE INDEX language_code ON language(code);
CREATE INDEX language_location ON language(location_id);
CREATE INDEX language_phone ON language(phone_id);

CREATE TABLE schedule (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  valid_from TEXT,
  valid_to TEXT,
  dtstart TEXT,
  timezone REAL,
  until TEXT,
  count INTEGER,
  wkst TEXT,
  freq TEXT,
  interval INTEGER,
  byday TEXT,
  byweekno TEXT,
  bymonthday TEXT,
  byyearday TEXT,
  description TEXT,
  opens_at TEXT,
  closes_at TEXT,
  schedule_link TEXT,
  attending_type TEXT,
  notes TEXT
);
CREATE INDEX schedule_service ON schedule(service_id);
CREATE INDEX schedule_location ON schedule(location_id);
CREATE INDEX schedule_sal ON schedule(service_at_location_id);

CREATE TABLE service_area (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  name TEXT,
  description TEXT,
  extent TEXT,
  extent_type TEXT,
  uri TEXT
);
CREATE INDEX service_area_service ON service_area(service_id);

CREATE TABLE required_document (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  document TEXT,
  uri TEXT
);
CREATE INDEX required_document_service ON required_document(service_id);

CREATE TABLE accessibility (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  description TEXT,
  details TEXT,
  url TEXT
);
CREATE INDEX accessibility_location ON accessibility(location_id);

CREATE TABLE cost_option (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  valid_from TEXT,
  valid_to TEXT,
  option TEXT,
  currency TEXT,
  amount REAL,
  amount_description TEXT
);
CREATE INDEX cost_option_service ON cost_option(service_id);

CREATE TABLE taxonomy (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  uri TEXT,
  version TEXT
);

CREATE TABLE taxonomy_term (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  code TEXT,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  parent_id TEXT,
  taxonomy TEXT,
  taxonomy_id TEXT REFERENCES taxonomy(id) ON DELETE CASCADE,
  language TEXT,
  term_uri TEXT
);
CREATE INDEX taxonomy_term_taxonomy ON taxonomy_term(taxonomy_id);

-- Attributes imported from other tools and not mapped to a typed column are
-- kept as they came, so an export gives them back. safepath's own attributes
-- are written from the typed columns at export time, not stored here.
CREATE TABLE attribute (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  link_id TEXT NOT NULL,
  taxonomy_term_id TEXT NOT NULL,
  link_type TEXT,
  link_entity TEXT NOT NULL,
  value TEXT,
  label TEXT
);
CREATE INDEX attribute_link ON attribute(link_id);

CREATE TABLE metadata (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  resource_id TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  last_action_date TEXT NOT NULL,
  last_action_type TEXT NOT NULL,
  field_name TEXT NOT NULL,
  previous_value TEXT NOT NULL,
  replacement_value TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX metadata_resource ON metadata(resource_id);

-- safepath: the needs vocabulary (data/directory/needs.json) and which
-- services meet which needs.
CREATE TABLE need (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,       -- e.g. labour_standards_complaint
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  description_en TEXT NOT NULL,
  description_fr TEXT NOT NULL
);

CREATE TABLE service_need (
  service_id TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  need_id TEXT NOT NULL REFERENCES need(id) ON DELETE CASCADE,
  PRIMARY KEY (service_id, need_id)
) WITHOUT ROWID;
CREATE INDEX service_need_need ON service_need(need_id);

-- Full-text index, one row per service (rowid = service.rowid), kept by the
-- importer (src/directory/index.c) in the same transaction as the data.
-- It keeps its own copy of the text so that a service's row can be deleted
-- and rewritten on re-import (contentless tables cannot delete before SQLite
-- 3.43; Debian 12 has 3.40). Accents are folded and
-- prefixes of 2 and 3 characters are indexed; columns weigh differently in
-- bm25 (name first).
CREATE VIRTUAL TABLE service_fts USING fts5(
  name, organization, description, needs, city,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
-- The index's vocabulary, for the typo-tolerant fallback.
CREATE VIRTUAL TABLE service_fts_vocab USING fts5vocab(service_fts, 'row');

-- Points of non-confidential physical locations with coordinates (rowid =
-- location.rowid), for distance search.
CREATE VIRTUAL TABLE location_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
