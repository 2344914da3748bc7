#!/usr/bin/env node
// validate.js — checks a safepath directory export against the HSDS 3.0 JSON
// schemas (tests/hsds/schema/, vendored from Open Referral's specification,
// branch 3.0; CC BY-SA 4.0, see schema/README.md) with ajv, a real JSON Schema
// validator.
//
//   node tests/hsds/validate.js json DIR   services.json, taxonomies.json, taxonomy_terms.json
//   node tests/hsds/validate.js csv DIR    datapackage.json and the CSV files
//
// JSON: the Page fields against the OpenAPI file's Page schema; every service
// against schema/service.json (which pulls in every nested object's schema);
// every taxonomy and term against theirs; every attribute's term exists.
// CSV: datapackage.json's resources, paths, field names, order, types and
// required flags against HSDS's own datapackage.json; each file read strictly
// (RFC 4180, UTF-8 without BOM, CRLF after every record, header = fields);
// every text cell that a spreadsheet would run is guarded (docs/taxonomy.md);
// every row, turned back into an object (guard undone, numbers parsed, empty
// cells absent — the empty string where the JSON schema requires the
// property), against the table's JSON schema; ids unique; references resolve.
// Both: confidential locations carry no street lines, postal code or
// coordinates.
//
// Prints one line per problem, then "N passed, N failed" (one check per file,
// per service or row); exits 1 when anything failed.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const SCHEMA_DIR = path.join(__dirname, 'schema');
const CONFIDENTIAL_TERM = 'b405e644-506e-478a-941a-ddcc1ed160fa';
const TRIGGER = /^'*[=+\-@\t\r]/;

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.error('FAIL: ' + what);
  }
  return ok;
}

function loadAjv() {
  // strict: false because HSDS's schemas carry documentation keywords
  // (name, core, constraints, example, datapackage_metadata, tabular_required)
  // that are not JSON Schema vocabulary.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of fs.readdirSync(SCHEMA_DIR).sort()) {
    if (!f.endsWith('.json') || f === 'openapi.json' || f === 'datapackage.json') continue;
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')), f);
  }
  const openapi = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'openapi.json'), 'utf8'));
  ajv.addSchema(openapi.components.schemas.Page, 'Page');
  return ajv;
}

function errorsText(ajv, v) {
  return ajv.errorsText(v.errors, { separator: '; ' }).slice(0, 600);
}

function validateWith(ajv, key, obj, what) {
  const v = ajv.getSchema(key);
  if (!v) return check(false, 'no schema ' + key);
  return check(v(obj), what + ': ' + (v.errors ? errorsText(ajv, v) : ''));
}

function readPage(ajv, file) {
  let page;
  try {
    page = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    check(false, path.basename(file) + ': ' + e.message);
    return null;
  }
  validateWith(ajv, 'Page', page, path.basename(file) + ' (Page)');
  const ok = check(Array.isArray(page.contents) && page.total_items === page.contents.length &&
                   page.size === page.contents.length && page.empty === (page.contents.length === 0),
                   path.basename(file) + ': contents does not match total_items, size and empty');
  return ok ? page.contents : null;
}

// Walks every object of a service: calls fn(kind, obj).
function walk(kind, obj, fn) {
  if (!obj || typeof obj !== 'object') return;
  fn(kind, obj);
  const nested = {
    phones: 'phone', schedules: 'schedule', service_areas: 'service_area',
    service_at_locations: 'service_at_location', languages: 'language', organization: 'organization',
    cost_options: 'cost_option', required_documents: 'required_document', attributes: 'attribute',
    location: 'location', addresses: 'address', accessibility: 'accessibility', metadata: 'metadata',
  };
  for (const [k, sub] of Object.entries(nested)) {
    const v = obj[k];
    if (Array.isArray(v)) v.forEach((o) => walk(sub, o, fn));
    else if (v && typeof v === 'object' && (k === 'organization' || k === 'location')) walk(sub, v, fn);
  }
}

function isConfidential(loc) {
  return (loc.attributes || []).some((a) => a.taxonomy_term_id === CONFIDENTIAL_TERM && a.value === 'true');
}

function validateJson(dir) {
  const ajv = loadAjv();
  const services = readPage(ajv, path.join(dir, 'services.json'));
  const taxonomies = readPage(ajv, path.join(dir, 'taxonomies.json'));
  const terms = readPage(ajv, path.join(dir, 'taxonomy_terms.json'));
  const termIds = new Set();
  const taxoIds = new Set();
  (taxonomies || []).forEach((t, i) => {
    validateWith(ajv, 'taxonomy.json', t, 'taxonomies.json item ' + i);
    taxoIds.add(t.id);
  });
  (terms || []).forEach((t, i) => {
    validateWith(ajv, 'taxonomy_term.json', t, 'taxonomy_terms.json item ' + i);
    check(!termIds.has(t.id), 'taxonomy_terms.json: id repeated: ' + t.id);
    termIds.add(t.id);
    if (t.taxonomy_id) check(taxoIds.has(t.taxonomy_id), 'taxonomy_terms.json: unknown taxonomy ' + t.taxonomy_id);
  });
  const ids = new Set();
  (services || []).forEach((s, i) => {
    validateWith(ajv, 'service.json', s, 'services.json service ' + i + ' (' + s.id + ')');
    check(!ids.has(s.id), 'services.json: service id repeated: ' + s.id);
    ids.add(s.id);
    let problems = [];
    walk('service', s, (kind, o) => {
      if (kind === 'attribute' && !termIds.has(o.taxonomy_term_id))
        problems.push('attribute ' + o.id + ' points to a term not in taxonomy_terms.json');
      if (kind === 'location' && isConfidential(o)) {
        for (const f of ['latitude', 'longitude', 'transportation', 'external_identifier'])
          if (f in o) problems.push('confidential location ' + o.id + ' has ' + f);
        for (const a of o.addresses || [])
          for (const f of ['address_1', 'address_2', 'attention', 'postal_code', 'region'])
            if (a[f]) problems.push('confidential location ' + o.id + ' has ' + f);
      }
    });
    check(problems.length === 0, 'services.json service ' + s.id + ': ' + problems.join('; '));
  });
}

// ---- CSV ------------------------------------------------------------------------

// A strict RFC 4180 reader: every record ends with CRLF; quotes only around a
// whole field. Returns an array of records or throws with the line number.
function parseCsv(text, name) {
  if (text.charCodeAt(0) === 0xfeff) throw new Error(name + ': starts with a byte order mark');
  const rows = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const row = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error(name + ': quote not closed (line ' + line + ')');
          if (text[i] === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (text[i] === '\n') line++;
          field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') throw new Error(name + ': quote inside an unquoted field (line ' + line + ')');
          field += text[i++];
        }
      }
      row.push(field);
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '\r' && text[i + 1] === '\n') { i += 2; line++; break; }
      throw new Error(name + ': record not ended by CRLF (line ' + line + ')');
    }
    rows.push(row);
  }
  return rows;
}

function unguard(s) {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function validateCsv(dir) {
  const ajv = loadAjv();
  const ref = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'datapackage.json'), 'utf8'));
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
  } catch (e) {
    check(false, 'datapackage.json: ' + e.message);
    return;
  }
  check(pkg.profile === 'tabular-data-package', 'datapackage.json: profile is not tabular-data-package');
  check(Array.isArray(pkg.resources) && pkg.resources.length > 0, 'datapackage.json: no resources');
  const tables = {};
  for (const r of pkg.resources || []) {
    const rr = ref.resources.find((x) => x.name === r.name);
    if (!check(!!rr, 'datapackage.json: resource ' + r.name + ' is not an HSDS table')) continue;
    const want = rr.schema.fields.map((f) => [f.name, f.type, !!(f.constraints && f.constraints.required)]);
    const got = (r.schema && r.schema.fields || []).map((f) => [f.name, f.type, !!(f.constraints && f.constraints.required)]);
    check(r.path === rr.path && JSON.stringify(want) === JSON.stringify(got) &&
          r.format === 'csv' && r.profile === 'tabular-data-resource' && r.schema.primaryKey === 'id',
          'datapackage.json: resource ' + r.name + ' differs from HSDS 3.0 (path, fields, types or required flags)');
    let rows;
    try {
      const buf = fs.readFileSync(path.join(dir, r.path));
      const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      rows = parseCsv(text, r.path);
    } catch (e) {
      check(false, r.path + ': ' + e.message);
      continue;
    }
    check(rows.length > 0 && JSON.stringify(rows[0]) === JSON.stringify(want.map((w) => w[0])),
          r.path + ': header differs from the HSDS column names and order');
    tables[r.name] = { fields: rr.schema.fields, rows: rows.slice(1), json: JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, r.name + '.json'), 'utf8')) };
  }
  const confidential = new Set(((tables.attribute || {}).rows || [])
    .filter((c) => c[2] === CONFIDENTIAL_TERM && c[5] === 'true').map((c) => c[1]));
  const idsOf = {};
  for (const [name, t] of Object.entries(tables)) {
    const required = new Set(t.json.required || []);
    const ids = new Set();
    t.rows.forEach((cells, n) => {
      const where = t.json.path + ' record ' + (n + 2);
      const obj = {};
      const problems = [];
      if (cells.length !== t.fields.length) problems.push('has ' + cells.length + ' fields');
      t.fields.forEach((f, i) => {
        const raw = cells[i] === undefined ? '' : cells[i];
        if (f.type !== 'number' && /^[=+\-@\t\r]/.test(raw)) problems.push(f.name + ' would run as a formula');
        if (raw === '') {
          const confidentialHole = name === 'address' && confidential.has(cells[1]) &&
                                   (f.name === 'address_1' || f.name === 'postal_code');
          if (f.constraints && f.constraints.required && !confidentialHole) problems.push(f.name + ' is required');
          if (required.has(f.name)) obj[f.name] = '';
          return;
        }
        if (f.type === 'number') {
          const v = Number(raw);
          if (!Number.isFinite(v) || !/^-?[0-9]/.test(raw)) problems.push(f.name + ' is not a number');
          obj[f.name] = v;
        } else {
          obj[f.name] = unguard(raw);
        }
      });
      if (ids.has(obj.id)) problems.push('id repeated');
      ids.add(obj.id);
      if (name === 'location' && confidential.has(obj.id))
        for (const f of ['latitude', 'longitude', 'transportation', 'external_identifier'])
          if (f in obj) problems.push('confidential location has ' + f);
      if (name === 'address' && confidential.has(obj.location_id))
        for (const f of ['address_1', 'address_2', 'attention', 'postal_code', 'region'])
          if (obj[f]) problems.push('confidential location has ' + f);
      const v = ajv.getSchema(name + '.json');
      if (!v(obj)) problems.push(errorsText(ajv, v));
      check(problems.length === 0, where + ': ' + problems.join('; '));
    });
    idsOf[name] = ids;
  }
  // References the tables themselves carry (HSDS's foreign keys that matter for a re-import).
  const refs = [
    ['service', 1, 'organization'], ['service_at_location', 1, 'service'],
    ['service_at_location', 2, 'location'], ['address', 1, 'location'],
    ['attribute', 2, 'taxonomy_term'], ['taxonomy_term', 7, 'taxonomy'],
  ];
  for (const [name, col, target] of refs) {
    if (!tables[name] || !idsOf[target]) continue;
    const bad = tables[name].rows.filter((c) => c[col] !== '' && !idsOf[target].has(c[col])).length;
    check(bad === 0, tables[name].json.path + ': ' + bad + ' rows point to a missing ' + target);
  }
}

function main() {
  const [mode, dir] = process.argv.slice(2);
  if (!dir || (mode !== 'json' && mode !== 'csv')) {
    console.error('usage: node validate.js json|csv DIR');
    process.exit(2);
  }
  if (mode === 'json') validateJson(dir);
  else validateCsv(dir);
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
}

main();
