package ingest

import (
	"bytes"
	"encoding/xml"
)

// XMLRoot reports whether head, the first bytes of a file, opens an XML
// document whose root element is name: only a byte order mark, the XML
// declaration, processing instructions, comments, a document type and
// spaces come before it, so that a mention of the name in a comment or in
// text does not count. It returns head from the root element on.
func XMLRoot(head []byte, name string) ([]byte, bool) {
	rest := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		var end string
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = "?>"
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = "-->"
		case bytes.HasPrefix(rest, []byte("<!")):
			end = ">"
		default:
			tag := "<" + name
			if !bytes.HasPrefix(rest, []byte(tag)) || len(rest) == len(tag) {
				return nil, false
			}
			switch rest[len(tag)] {
			case ' ', '>', '\n', '\r', '\t', '/':
				return rest, true
			}
			return nil, false
		}
		i := bytes.Index(rest, []byte(end))
		if i < 0 {
			return nil, false
		}
		rest = rest[i+len(end):]
	}
}

// XMLRootAttr returns the value of attribute attr of the root element
// name that head opens (see XMLRoot), or "" when head opens no such
// element or it has no such attribute.
func XMLRootAttr(head []byte, name, attr string) string {
	rest, ok := XMLRoot(head, name)
	if !ok {
		return ""
	}
	tok, err := xml.NewDecoder(bytes.NewReader(rest)).Token()
	if err != nil {
		return ""
	}
	if se, ok := tok.(xml.StartElement); ok {
		for _, a := range se.Attr {
			if a.Name.Local == attr {
				return a.Value
			}
		}
	}
	return ""
}
