// Package ofac reads the US Treasury OFAC sanctions lists into shellnet
// entities and links, in both published layouts: the legacy CSV files
// (sdn.csv, add.csv, alt.csv, sdn_comments.csv and the consolidated non-SDN
// cons_*.csv files) and the advanced XML lists (sdn_advanced.xml,
// cons_advanced.xml). The "ofac" format reads either, recognised by
// content; given both, it reads the CSV files first.
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
//
// The advanced XML layout (the Advanced Sanctions List Standard) says in
// coded, typed elements what the legacy Remarks say in prose. Its reader
// gives the same entities as the legacy one, so that the two merge:
//   - A distinct party's profile ID is the legacy entry number: the entity
//     is ofac-<ID>. Its sub-type (Vessel, Aircraft, or Unknown with the
//     party type Individual or Entity) picks the kind as SDN_Type does.
//   - The primary alias is the name, an individual's last name first
//     ("KIM, Kwang Hyok"); other aliases are aliases, low-quality ones
//     weak_aliases, as the legacy "a.k.a." remarks.
//   - Features and identity documents are turned into the legacy Remarks
//     clause that says the same ("SWIFT/BIC KGCBKPPY", "Passport 654210025
//     (Korea, North)") and read by the same code, so identifiers and
//     properties agree; a feature or document type no clause knows is kept
//     as a property named after it (branch_unit_number). A location that
//     names a street or a city is an Address (ofac-addr-<location ID>).
//   - Each sanctions entry's programs (the "Program" measures) become
//     sanctions, dated by the entry's first event.
//   - Profile relationships become links: "Owned or Controlled By" and
//     "Property in the interest of" an OWNS link from the owner (the file
//     reads asset → owner), "Owns, controls, or operates" OWNS, "Acting
//     for or on behalf of" REPRESENTS, "Leader or official of" and
//     "Principal Executive Officer" DIRECTS, "playing a significant role
//     in" MEMBER_OF, "Family member of" FAMILY, "Associate Of" and
//     "Providing support to" ASSOCIATE; the role keeps OFAC's wording and
//     a former relationship is marked former. A type not in this list
//     becomes an ASSOCIATE link with its wording as the role, and a note.
package ofac
