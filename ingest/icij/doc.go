// Package icij reads the ICIJ Offshore Leaks Database CSV bundle
// (offshoreleaks.icij.org/pages/database: nodes-entities.csv,
// nodes-officers.csv, nodes-intermediaries.csv, nodes-addresses.csv,
// nodes-others.csv and relationships.csv, with their published headers)
// into shellnet entities and links. The Panama Papers release of 2016
// (Entities.csv, Officers.csv, Intermediaries.csv, Addresses.csv and
// all_edges.csv, node_1,rel_type,node_2 with the role as rel_type) reads
// into the same entities and link types; columns are found by name.
//
// Nodes get the id icij-<node_id>. Offshore entities are Companies;
// officers, intermediaries and "other" nodes are LegalEntities, because ICIJ
// does not say whether an officer is a person or a company (the store
// refines the kind when another source knows it); addresses are Addresses.
// Every column is kept: dates as ISO 8601 when they parse, country codes
// (ISO alpha-3 in the bundle) as alpha-2 countries, an entity's
// jurisdiction as a country and the jurisdiction property, original and
// former names as aliases. ibcRUC is kept as a property, not as a
// registration identifier: it is a number within one registry, and a
// number shared by companies of two registries must not make them one.
//
// Relationships map to link types by rel_type and the free-text link role:
// intermediary_of, and officer roles of agents and attorneys, are
// REPRESENTS; officer roles of directors, secretaries, presidents and the
// like are DIRECTS; of shareholders, owners and beneficiaries OWNS (a role
// naming both, "Director and Shareholder of", gives both links);
// registered_address is LOCATED_AT; ICIJ's similarity edges (same_as,
// same_name_as, similar, same_company_as, same_intermediary_as, same_id_as,
// probably_same_officer_as) are SAME_AS, with rel_type kept so that
// analysis can tell a name match from an identity; any other relationship
// is ASSOCIATE. The role, status, start_date, end_date and sourceID are
// kept on the link.
package icij
