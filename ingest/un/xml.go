package un

// entry is an INDIVIDUAL or ENTITY element. Both share the names, list and
// reference fields; the alias and address elements are named after the
// parent (INDIVIDUAL_ALIAS, ENTITY_ALIAS), so both spellings are read.
type entry struct {
	DataID       string   `xml:"DATAID"`
	Version      string   `xml:"VERSIONNUM"`
	FirstName    string   `xml:"FIRST_NAME"`
	SecondName   string   `xml:"SECOND_NAME"`
	ThirdName    string   `xml:"THIRD_NAME"`
	FourthName   string   `xml:"FOURTH_NAME"`
	ListType     string   `xml:"UN_LIST_TYPE"`
	Reference    string   `xml:"REFERENCE_NUMBER"`
	ListedOn     string   `xml:"LISTED_ON"`
	Gender       string   `xml:"GENDER"`
	Comments     string   `xml:"COMMENTS1"`
	OriginalName string   `xml:"NAME_ORIGINAL_SCRIPT"`
	Titles       []string `xml:"TITLE>VALUE"`
	Designations []string `xml:"DESIGNATION>VALUE"`
	Nationality  []string `xml:"NATIONALITY>VALUE"`
	Lists        []string `xml:"LIST_TYPE>VALUE"`
	Updated      []string `xml:"LAST_DAY_UPDATED>VALUE"`

	IndividualAliases []alias    `xml:"INDIVIDUAL_ALIAS"`
	EntityAliases     []alias    `xml:"ENTITY_ALIAS"`
	IndividualAddress []address  `xml:"INDIVIDUAL_ADDRESS"`
	EntityAddress     []address  `xml:"ENTITY_ADDRESS"`
	BirthDates        []dob      `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces       []address  `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents         []document `xml:"INDIVIDUAL_DOCUMENT"`
}

type alias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type address struct {
	Street        string `xml:"STREET"`
	City          string `xml:"CITY"`
	StateProvince string `xml:"STATE_PROVINCE"`
	Zip           string `xml:"ZIP_CODE"`
	Country       string `xml:"COUNTRY"`
	Note          string `xml:"NOTE"`
}

type dob struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
}

type document struct {
	Type           string `xml:"TYPE_OF_DOCUMENT"`
	Type2          string `xml:"TYPE_OF_DOCUMENT2"`
	Number         string `xml:"NUMBER"`
	IssuingCountry string `xml:"ISSUING_COUNTRY"`
	CountryOfIssue string `xml:"COUNTRY_OF_ISSUE"`
	Note           string `xml:"NOTE"`
}
