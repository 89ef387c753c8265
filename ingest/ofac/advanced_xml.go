package ofac

// The XML elements of OFAC's advanced sanctions list (sdn_advanced.xml,
// cons_advanced.xml), in the layout of the Advanced Sanctions List
// Standard: reference value sets that give every coded value its text,
// then the locations, identity documents, distinct parties, relationships
// between profiles and sanctions entries, each referring to the others by
// ID. Only the elements shellnet maps are declared; encoding/xml skips the
// rest. Struct tags carry no namespace, so the files of both published
// namespaces (http://www.un.org/sanctions/1.0 and the Sanctions List
// Service's ADVANCED_XML) read alike.

type xValue struct {
	ID   string `xml:"ID,attr"`
	Text string `xml:",chardata"`
}

type xCountry struct {
	ID   string `xml:"ID,attr"`
	ISO2 string `xml:"ISO2,attr"`
	Text string `xml:",chardata"`
}

type xSubType struct {
	ID        string `xml:"ID,attr"`
	PartyType string `xml:"PartyTypeID,attr"`
	Text      string `xml:",chardata"`
}

type xRefs struct {
	AliasTypes     []xValue   `xml:"AliasTypeValues>AliasType"`
	Countries      []xCountry `xml:"CountryValues>Country"`
	DetailRefs     []xValue   `xml:"DetailReferenceValues>DetailReference"`
	FeatureTypes   []xValue   `xml:"FeatureTypeValues>FeatureType"`
	DocTypes       []xValue   `xml:"IDRegDocTypeValues>IDRegDocType"`
	Lists          []xValue   `xml:"ListValues>List"`
	LocPartTypes   []xValue   `xml:"LocPartTypeValues>LocPartType"`
	NamePartTypes  []xValue   `xml:"NamePartTypeValues>NamePartType"`
	PartySubTypes  []xSubType `xml:"PartySubTypeValues>PartySubType"`
	PartyTypes     []xValue   `xml:"PartyTypeValues>PartyType"`
	RelationTypes  []xValue   `xml:"RelationTypeValues>RelationType"`
	SanctionsTypes []xValue   `xml:"SanctionsTypeValues>SanctionsType"`
}

type xDate struct {
	Year  string `xml:"Year"`
	Month string `xml:"Month"`
	Day   string `xml:"Day"`
}

type xDatePeriod struct {
	StartFrom xDate `xml:"Start>From"`
	StartTo   xDate `xml:"Start>To"`
	EndFrom   xDate `xml:"End>From"`
	EndTo     xDate `xml:"End>To"`
}

type xLocation struct {
	ID        string `xml:"ID,attr"`
	Countries []struct {
		ID string `xml:"CountryID,attr"`
	} `xml:"LocationCountry"`
	Parts []struct {
		Type   string `xml:"LocPartTypeID,attr"`
		Values []struct {
			Primary string `xml:"Primary,attr"`
			Value   string `xml:"Value"`
		} `xml:"LocationPartValue"`
	} `xml:"LocationPart"`
}

type xDocument struct {
	ID        string `xml:"ID,attr"`
	Type      string `xml:"IDRegDocTypeID,attr"`
	Identity  string `xml:"IdentityID,attr"`
	IssuedBy  string `xml:"IssuedBy-CountryID,attr"`
	Number    string `xml:"IDRegistrationNo"`
	Authority string `xml:"IssuingAuthority"`
}

type xEntry struct {
	ID      string `xml:"ID,attr"`
	Profile string `xml:"ProfileID,attr"`
	List    string `xml:"ListID,attr"`
	Events  []struct {
		Date xDate `xml:"Date"`
	} `xml:"EntryEvent"`
	Measures []struct {
		Type    string `xml:"SanctionsTypeID,attr"`
		Comment string `xml:"Comment"`
	} `xml:"SanctionsMeasure"`
}

type xParty struct {
	FixedRef string     `xml:"FixedRef,attr"`
	Comment  string     `xml:"Comment"`
	Profiles []xProfile `xml:"Profile"`
}

type xProfile struct {
	ID         string      `xml:"ID,attr"`
	SubType    string      `xml:"PartySubTypeID,attr"`
	Identities []xIdentity `xml:"Identity"`
	Features   []xFeature  `xml:"Feature"`
}

type xIdentity struct {
	ID      string   `xml:"ID,attr"`
	Primary string   `xml:"Primary,attr"`
	Aliases []xAlias `xml:"Alias"`
	Groups  []struct {
		ID   string `xml:"ID,attr"`
		Type string `xml:"NamePartTypeID,attr"`
	} `xml:"NamePartGroups>MasterNamePartGroup>NamePartGroup"`
}

type xAlias struct {
	Type       string `xml:"AliasTypeID,attr"`
	Primary    string `xml:"Primary,attr"`
	LowQuality string `xml:"LowQuality,attr"`
	Names      []struct {
		Parts []struct {
			Group string `xml:"NamePartGroupID,attr"`
			Value string `xml:",chardata"`
		} `xml:"DocumentedNamePart>NamePartValue"`
	} `xml:"DocumentedName"`
}

type xFeature struct {
	Type     string `xml:"FeatureTypeID,attr"`
	Versions []struct {
		Locations []struct {
			ID string `xml:"LocationID,attr"`
		} `xml:"VersionLocation"`
		Details []struct {
			Ref  string `xml:"DetailReferenceID,attr"`
			Text string `xml:",chardata"`
		} `xml:"VersionDetail"`
		Periods []xDatePeriod `xml:"DatePeriod"`
	} `xml:"FeatureVersion"`
}

type xRelation struct {
	ID      string `xml:"ID,attr"`
	From    string `xml:"From-ProfileID,attr"`
	To      string `xml:"To-ProfileID,attr"`
	Type    string `xml:"RelationTypeID,attr"`
	Former  string `xml:"Former,attr"`
	Comment string `xml:"Comment"`
}
