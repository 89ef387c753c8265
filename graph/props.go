package graph

// PropStrings reads a property kept as a string or a list of strings (as
// ingesters write it, or as JSON decodes it: []any), leaving out empty
// strings.
func PropStrings(v any) []string {
	switch x := v.(type) {
	case string:
		if x != "" {
			return []string{x}
		}
	case []string:
		return x
	case []any:
		var out []string
		for _, y := range x {
			if s, ok := y.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
