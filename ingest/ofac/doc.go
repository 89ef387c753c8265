// Package ofac reads the US Treasury OFAC sanctions lists in their legacy
// CSV layout (sdn.csv, add.csv, alt.csv, sdn_comments.csv and the
// consolidated non-SDN cons_*.csv files) into shellnet entities and links.
//
// The files are read exactly as published: no header row, CRLF line ends,
// a trailing 0x1A byte, "-0- " for an empty field, several programs in one
// field written "DPRK3] [DPRK4". Given several files (or their folder) the
// reader joins addresses, aliases and the continuation of the remarks to
// their entry; given sdn.csv alone it loads on its own.
//
// Mapping decisions:
//   - SDN_Type individual is a Person, vessel a Vessel, aircraft an
//     Aircraft. An entry without a type is a Company when its name carries a
//     legal form ("LTD", "S.A.", "CORPORATION", "BANK"…) or its remarks give
//     a registration number, tax number or SWIFT/BIC code, and an
//     Organization otherwise (the Reconnaissance General Bureau, Hizballah).
//     The store refines an Organization into a Company when a later source
//     says so, never the reverse, so Organization is the cautious default.
//   - Every entry is tagged "sanction", carries one graph.Sanction per
//     program (authority OFAC, reference the entry number) and the
//     identifier ofac=<ent_num>.
//   - An address row with a street or a city becomes an Address entity
//     (ofac-addr-<add_num>) that the entry is LOCATED_AT; the country of
//     every address row goes to the entry's countries.
//   - alt.csv names (a.k.a., f.k.a., n.k.a.) are aliases. The "a.k.a."
//     names quoted in Remarks are OFAC's low-quality ("weak") aliases: they
//     are kept in the weak_aliases property, not among the aliases, so that
//     two-letter acronyms do not match every screening query.
//   - Remarks identifiers become identifiers (swift, website, email,
//     registration, tax, imo, passport, national_id, phone, lei, crypto);
//     nationality and citizenship become countries; "Linked To: NAME."
//     becomes an ASSOCIATE link (role "linked to") to the entry of that name
//     or alias in the same load, or a note on the record when none or several
//     entries bear it. Legacy remarks never say who owns whom: "Owned or
//     Controlled By" appears only in "Transactions Prohibited For Persons
//     Owned or Controlled By U.S. Financial Institutions", which is about US
//     persons, so only an explicit "Owned or Controlled By: NAME" clause
//     gives an OWNS link. A vessel's owner (Vess_owner) that names a listed
//     entry owns the vessel.
package ofac
