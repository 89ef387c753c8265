package server

import (
	"net/http"
	"strings"
)

// openAPI is the OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)
// of routes, built from the same table as the mux, so that every route
// served is documented.
func openAPI() map[string]any {
	pathItems := map[string]any{}
	for _, rt := range routes {
		op := map[string]any{
			"summary":     rt.summary,
			"operationId": operationID(rt),
			"tags":        []string{rt.tag},
			"responses":   responses(rt),
		}
		if !rt.public {
			op["security"] = []map[string][]string{{"bearer": {}}}
		}
		var ps []map[string]any
		for _, p := range rt.params {
			ps = append(ps, map[string]any{"name": p.name, "in": p.in, "required": p.in == "path", "description": p.doc, "schema": map[string]string{"type": p.typ}})
		}
		if ps != nil {
			op["parameters"] = ps
		}
		if len(rt.body) > 0 {
			content := map[string]any{}
			for _, ct := range rt.body {
				content[ct] = map[string]any{"schema": map[string]string{"type": bodyType(ct)}}
			}
			op["requestBody"] = map[string]any{"required": true, "content": content}
		}
		item, _ := pathItems[rt.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			pathItems[rt.path] = item
		}
		item[strings.ToLower(rt.method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "shellnet",
			"version":     "1",
			"description": "Screening of suppliers against sanctions lists and the shell networks around them, on one snapshot of a shellnet store. /match, /search and /entities follow yente's API (https://www.opensanctions.org/docs/api/); every answer names the store version it was computed on (the X-Shellnet-Store-Version header and, in JSON, snapshot).",
		},
		"paths": pathItems,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]string{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{
				"Error": map[string]any{"type": "object", "properties": map[string]any{"detail": map[string]string{"type": "string"}}},
			},
		},
	}
}

func operationID(rt route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.method))
	for _, part := range strings.FieldsFunc(rt.path, func(r rune) bool { return r == '/' || r == '{' || r == '}' || r == '.' || r == '_' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func bodyType(ct string) string {
	if ct == "application/json" {
		return "object"
	}
	return "string"
}

func responses(rt route) map[string]any {
	errResp := map[string]any{"description": "an error, with a message saying what to do", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]string{"$ref": "#/components/schemas/Error"}}}}
	out := map[string]any{
		"200": map[string]any{"description": "OK", "content": map[string]any{rt.produces: map[string]any{"schema": map[string]string{"type": bodyType(rt.produces)}}}},
	}
	if rt.engine || len(rt.params) > 0 || len(rt.body) > 0 {
		out["400"] = errResp
	}
	if strings.Contains(rt.path, "{") {
		out["404"] = errResp
	}
	if len(rt.body) > 0 {
		out["413"] = errResp
	}
	if !rt.public {
		out["401"] = errResp
	}
	if rt.engine || rt.path == "/readyz" {
		out["503"] = errResp
	}
	return out
}

func handleOpenAPI(s *Server, w http.ResponseWriter, _ *http.Request, _ engine) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(s.openapi)
	return err
}
