package model

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// ErrUnsafeURL is wrapped by every refusal of SafeURL.
var ErrUnsafeURL = errors.New("not an http(s) URL that can be opened")

// SafeURL is the one gate between catalogue text and a browser. It accepts
// only absolute http and https URLs with a host, no user credentials and no
// control characters or whitespace other than inner spaces (which are
// percent-encoded, as real schedules write them). It returns the re-encoded
// URL: callers pass only u.String() to an opener, as a single argument.
func SafeURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, fmt.Errorf("empty URL: %w", ErrUnsafeURL)
	}
	if strings.HasPrefix(s, "-") {
		return nil, fmt.Errorf("%s starts with '-': %w", QuoteLine(s), ErrUnsafeURL)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || dropRune(r) {
			return nil, fmt.Errorf("URL contains a control character: %w", ErrUnsafeURL)
		}
	}
	s = strings.ReplaceAll(s, " ", "%20")
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse: %w", QuoteLine(raw), ErrUnsafeURL)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		if u.Scheme == "" {
			return nil, fmt.Errorf("%s is not absolute: %w", QuoteLine(raw), ErrUnsafeURL)
		}
		return nil, fmt.Errorf("scheme %s is refused: %w", QuoteLine(u.Scheme), ErrUnsafeURL)
	}
	u.Scheme = scheme
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%s has no host: %w", QuoteLine(raw), ErrUnsafeURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%s carries credentials: %w", QuoteLine(raw), ErrUnsafeURL)
	}
	if strings.ContainsAny(u.Host, "\\ ") {
		return nil, fmt.Errorf("%s has an invalid host: %w", QuoteLine(raw), ErrUnsafeURL)
	}
	// An internationalised host goes to the browser as punycode, the one
	// spelling every opener understands.
	if host := u.Hostname(); !isASCII(host) {
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return nil, fmt.Errorf("%s has an invalid host: %w", QuoteLine(raw), ErrUnsafeURL)
		}
		if port := u.Port(); port != "" {
			ascii += ":" + port
		}
		u.Host = ascii
	}
	return u, nil
}

// ResolveURL resolves ref against base (an absolute http(s) URL) and checks
// the result with SafeURL. With an empty base a relative ref is refused.
func ResolveURL(base, ref string) (*url.URL, error) {
	ref = strings.TrimSpace(ref)
	if u, err := url.Parse(strings.ReplaceAll(ref, " ", "%20")); err == nil && u.Scheme != "" {
		return SafeURL(ref)
	}
	if base == "" {
		return nil, fmt.Errorf("%s is relative and there is no base to resolve it: %w", QuoteLine(ref), ErrUnsafeURL)
	}
	b, err := SafeURL(base)
	if err != nil {
		return nil, err
	}
	r, err := url.Parse(strings.ReplaceAll(ref, " ", "%20"))
	if err != nil {
		return nil, fmt.Errorf("%s does not parse: %w", QuoteLine(ref), ErrUnsafeURL)
	}
	return SafeURL(b.ResolveReference(r).String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
