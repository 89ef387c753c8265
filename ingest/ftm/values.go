package ftm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// values is the value list of one FtM property. FtM writes every property
// as a list of strings; exports that write a single value, a number or a
// boolean are read too, null as no value.
type values []string

func (v *values) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		*v = nil
		return nil
	}
	if b[0] != '[' {
		s, err := scalar(b)
		if err != nil {
			return err
		}
		*v = values{s}
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(values, 0, len(raw))
	for _, r := range raw {
		if bytes.Equal(bytes.TrimSpace(r), []byte("null")) {
			continue
		}
		s, err := scalar(r)
		if err != nil {
			return err
		}
		out = append(out, s)
	}
	*v = out
	return nil
}

// scalar reads a JSON string, number or boolean as a string.
func scalar(b []byte) (string, error) {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		err := json.Unmarshal(b, &s)
		return s, err
	case bytes.Equal(b, []byte("true")), bytes.Equal(b, []byte("false")):
		return string(b), nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return "", fmt.Errorf("want a string, got %.40s", b)
	}
	if _, err := strconv.ParseFloat(string(n), 64); err != nil {
		return "", fmt.Errorf("want a string, got %.40s", b)
	}
	return string(n), nil
}
