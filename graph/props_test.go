package graph

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestPropStrings(t *testing.T) {
	var decoded map[string]any
	if err := json.Unmarshal([]byte(`{"birth_date":["1937-04-28","",1937]}`), &decoded); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		v    any
		want []string
	}{
		{"1970-04-20", []string{"1970-04-20"}},
		{"", nil},
		{[]string{"a", "b"}, []string{"a", "b"}},
		{decoded["birth_date"], []string{"1937-04-28"}},
		{42, nil},
	} {
		if got := PropStrings(tt.v); !slices.Equal(got, tt.want) {
			t.Errorf("PropStrings(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
