package neo4j

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestNetworkReason reads the causes the driver wraps in its own error
// types, which have no Unwrap method, as the driver builds them.
func TestNetworkReason(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	header := tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}
	for _, c := range []struct {
		err    error
		reason string
		ok     bool
	}{
		{&neo4j.ConnectivityError{Inner: refused}, "connection refused", true},
		{fmt.Errorf("open: %w", &neo4j.ConnectivityError{Inner: io.EOF}), "the server closed the connection", true},
		{&neo4j.ConnectivityError{Inner: header}, "TLS handshake failed: tls: first record does not look like a TLS handshake (for a server without TLS use bolt:// or neo4j://)", true},
		{&net.DNSError{Name: "neo4j.invalid", Err: "no such host"}, "unknown host neo4j.invalid", true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "connection refused"}, "", false},
		{errors.New("connection refused"), "", false}, // text alone decides nothing
	} {
		reason, ok := networkReason(c.err)
		if reason != c.reason || ok != c.ok {
			t.Errorf("networkReason(%v) = %q, %v; want %q, %v", c.err, reason, ok, c.reason, c.ok)
		}
	}
}
