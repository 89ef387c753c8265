package neo4j

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"reflect"
	"strings"
	"syscall"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// reasonOf says in a few words why a connection failed.
func reasonOf(err error) string {
	if reason, ok := networkReason(err); ok {
		return reason
	}
	msg := err.Error()
	for _, p := range []string{"ConnectivityError: ", "TransactionExecutionLimit: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}

// networkReason says in a few words why a connection failed when err, or
// an error it holds, is a network or TLS error; it follows the causes the
// driver keeps without an Unwrap method (see driverCause).
func networkReason(err error) (string, bool) {
	var (
		dns     *net.DNSError
		nerr    net.Error
		header  tls.RecordHeaderError
		alert   tls.AlertError
		verify  *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
	)
	for ; err != nil; err = cause(err) {
		switch {
		case errors.Is(err, syscall.ECONNREFUSED):
			return "connection refused", true
		case errors.Is(err, syscall.ECONNRESET):
			return "connection reset by the server", true
		case errors.Is(err, syscall.EPIPE):
			return "connection closed by the server (broken pipe)", true
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return "the server closed the connection", true
		case errors.As(err, &dns):
			return "unknown host " + dns.Name, true
		case errors.As(err, &header), errors.As(err, &alert), errors.As(err, &verify),
			errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
			return "TLS handshake failed: " + err.Error() + " (for a server without TLS use bolt:// or neo4j://)", true
		case errors.As(err, &nerr) && nerr.Timeout():
			return "timed out", true
		}
	}
	return "", false
}

// cause returns the error err wraps: the one errors.Unwrap gives, or else
// the one the driver keeps in a field.
func cause(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return driverCause(err)
}

var errorType = reflect.TypeFor[error]()

// driverCause returns the cause that one of the driver's own error types
// keeps in a field named Inner or Err (ConnectivityError, TlsError,
// PoolTimeout, ReadRoutingTableError, CommitFailedDeadError in
// neo4j-go-driver v5: they have no Unwrap method, and all but the first
// live in an internal package), or nil.
func driverCause(err error) error {
	v := reflect.ValueOf(err)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct ||
		!strings.HasPrefix(v.Elem().Type().PkgPath(), driverPkg) {
		return nil
	}
	for _, name := range []string{"Inner", "Err"} {
		f := v.Elem().FieldByName(name)
		if f.IsValid() && f.Type() == errorType && !f.IsNil() {
			return f.Interface().(error)
		}
	}
	return nil
}

// driverPkg is the import path of neo4j-go-driver v5, read from one of its
// types so that it follows the module's major version.
var driverPkg = strings.TrimSuffix(reflect.TypeFor[neo4j.Neo4jError]().PkgPath(), "/neo4j/db")

// scrub removes a password from a message, whatever the server or the
// driver put in it.
func scrub(msg, password string) string {
	if len(password) < 3 {
		return msg
	}
	return strings.ReplaceAll(msg, password, "*****")
}
