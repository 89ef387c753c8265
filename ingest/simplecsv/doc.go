// Package simplecsv reads OpenSanctions' targets.simple.csv, the
// "targets as simplified CSV" export of every OpenSanctions dataset
// (data.opensanctions.org/datasets/<date>/<dataset>/targets.simple.csv),
// into shellnet entities.
//
// The columns are read by name, so that the layouts the exporter has
// written since 2021 all load: id, schema, name, aliases, birth_date,
// countries, addresses, identifiers, sanctions, phones, emails, dataset,
// first_seen and last_seen (in either order), with last_change from 2023
// and program_ids from 2025. A cell of several values is itself a CSV
// row separated by ";" (the exporter's concat_values), so a value holding
// a ";" comes quoted.
//
// Each row is one entity with the OpenSanctions id, so that it merges
// with the same entity read from the FtM export. The schema gives the
// kind (CryptoWallet, which shellnet has no kind for, is a BankAccount
// with the schema kept); countries are ISO 3166 alpha-2, and
// OpenSanctions' territory codes that are not (eu, suhh, zz) are kept as
// other_countries. Identifiers have no scheme in this export: an IMO
// number and a Wikidata id are recognised, others are kept under the
// weak scheme "identifier". Phones and emails are kept as properties, not
// as identifiers that resolve parties: in lists of officials they are
// often an office's, shared by its members.
//
// A row with sanctions is a listed party: one graph.Sanction for each
// (the exporter writes program, reason, status, start and end date joined
// by " - "), the dataset title as the authority, and the sanction tag.
package simplecsv
