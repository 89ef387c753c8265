// Package un reads the United Nations Security Council Consolidated List
// (consolidated.xml, the CONSOLIDATED_LIST document of
// https://www.un.org/sc/resources/sc-sanctions.xsd) into shellnet entities.
//
// The file is streamed with encoding/xml, one INDIVIDUAL or ENTITY element
// at a time. Each becomes a Person (individuals), or a Company or
// Organization (entities: Company when the name carries a legal form),
// with the id un-<REFERENCE_NUMBER>, the identifier un=<REFERENCE_NUMBER>
// ("KPe.031"), the tag "sanction" and a graph.Sanction{Authority: "UN",
// Program: UN_LIST_TYPE, Listed: LISTED_ON, Reference: REFERENCE_NUMBER}.
// Aliases of every quality ("Good", "Low", "a.k.a.", "f.k.a.") are
// aliases; their quality is kept in the alias_quality property, so that
// screening can weigh a low-quality alias less. A name field that packs
// several names ("Qasim Soleimani; Qasem Sulaimani", "Jin Tiesan (金铁三)")
// gives each as a name of its own (listedNames). Nationalities and address
// countries become ISO 3166 countries; an address with a street or a city
// also becomes an Address entity the party is LOCATED_AT. Passports and
// national identity numbers become identifiers.
package un
