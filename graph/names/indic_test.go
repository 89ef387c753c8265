package names

import "testing"

// TestIndic checks the inherent a of the scripts of India and Sri Lanka:
// Mahinda and Gotabaya Rajapaksa, whom Canada's Special Economic Measures
// (Sri Lanka) Regulations of 2023 list, in Sinhala, Tamil and Bengali, and
// names in Devanagari and Bengali as the press writes them in Latin
// letters.
func TestIndic(t *testing.T) {
	checkScript(t, [][2]string{
		{"नरेन्द्र मोदी", "narendra modi"}, // a cluster ends Narendra: its a is said
		{"अमित शाह", "amit shah"},          // Hindi leaves out a final a
		{"මහින්ද රාජපක්ෂ", "mahinda rajapakssa"},
		{"মুহাম্মদ", "muhammad"},
		{"सचिन", "sachin"},   // च ch, as names write it, not ISO's c
		{"हाफ़िज़", "hafiz"}, // the nukta: फ़ f, ज़ z
	}, [][2]string{
		{"මහින්ද රාජපක්ෂ", "RAJAPAKSA, Mahinda"},
		{"மகிந்த ராஜபக்ஷ", "RAJAPAKSA, Mahinda"},
		{"গোতাবায়া রাজাপাকসে", "RAJAPAKSA, Gotabaya"},
		{"মুহাম্মদ ইউনূস", "Muhammad Yunus"},
		{"शेख हसीना", "Sheikh Hasina"},
	})
}
