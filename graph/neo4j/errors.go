package neo4j

import (
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// reasonOf says in a few words why a connection failed.
func reasonOf(err error) string {
	var dns *net.DNSError
	var nerr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset by the server"
	case errors.Is(err, syscall.EPIPE):
		return "connection closed by the server (broken pipe)"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection"
	case errors.As(err, &dns):
		return "unknown host " + dns.Name
	case errors.As(err, &nerr) && nerr.Timeout():
		return "timed out"
	}
	msg := err.Error()
	for _, p := range []string{"ConnectivityError: ", "TransactionExecutionLimit: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	switch {
	case strings.Contains(msg, "connection refused"):
		return "connection refused"
	case strings.Contains(msg, "connection reset"):
		return "connection reset by the server"
	case strings.Contains(msg, "EOF"):
		return "the server closed the connection"
	case strings.Contains(msg, "tls:") || strings.Contains(msg, "x509:"):
		return "TLS handshake failed: " + msg + " (for a server without TLS use bolt:// or neo4j://)"
	}
	return msg
}

// scrub removes a password from a message, whatever the server or the
// driver put in it.
func scrub(msg, password string) string {
	if len(password) < 3 {
		return msg
	}
	return strings.ReplaceAll(msg, password, "*****")
}
