package legalform

import "testing"

func TestHas(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"KOREA MINING DEVELOPMENT TRADING CORPORATION", true},
		{"AEROCARIBBEAN AIRLINES", true},
		{"ANGLO-CARIBBEAN CO., LTD.", true},
		{"CECOEX, S.A.", true},
		{"International Global System Sdn Bhd", true},
		{"Pan Systems Pte. Ltd.", true},
		{"VTB BANK PUBLIC JOINT STOCK COMPANY", true},
		{"RECONNAISSANCE GENERAL BUREAU", false},
		{"HIZBALLAH", false},
		{"AS-SAHAB", false},
		{"KOREAN WORKERS' PARTY", false},
		{"MINISTRY OF STATE SECURITY", false},
	} {
		if got := Has(c.name); got != c.want {
			t.Errorf("Has(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
