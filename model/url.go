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
	return escapedURL(u)
}

// escapedURL re-encodes u so that its String() has every character outside
// RFC 3986's set (unreserved, reserved and '%' starting an escape)
// percent-encoded: url.URL leaves a query as it was written, with raw '<',
// '>', '`', '"' or '{'. That one form is what show prints and what the
// browser is given.
func escapedURL(u *url.URL) (*url.URL, error) {
	s := u.String()
	e := escapeRFC3986(s)
	if e == s {
		return u, nil
	}
	v, err := url.Parse(e)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse once escaped: %w", QuoteLine(s), ErrUnsafeURL)
	}
	return v, nil
}

// escapeRFC3986 percent-encodes each byte of s that RFC 3986 does not
// allow in a URI, and each '%' that does not start an escape.
func escapeRFC3986(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) || c != '%' && uriByte(c) {
			if b.Len() > 0 {
				b.WriteByte(c)
			}
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// uriByte reports whether c may appear as itself in a URI: RFC 3986's
// unreserved and reserved characters.
func uriByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
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

// SafeURLString is SafeURL(raw) as the string to open (its String()) and
// its host name (its Hostname()). A plain URL (plainHTTPURL), which is what
// schedules and catalogues nearly always hold, is returned as written
// without being parsed: that is what SafeURL would return for it.
func SafeURLString(raw string) (u, host string, err error) {
	s := strings.TrimSpace(raw)
	if h, ok := plainHTTPURL(s); ok {
		return s, h, nil
	}
	p, err := SafeURL(raw)
	if err != nil {
		return "", "", err
	}
	return p.String(), p.Hostname(), nil
}

// ResolveURLString is ResolveURL(base, ref) as the string to open (its
// String()) and its host name (its Hostname()), with SafeURLString's fast
// path: a plain ref is absolute, so the base plays no part.
func ResolveURLString(base, ref string) (u, host string, err error) {
	s := strings.TrimSpace(ref)
	if h, ok := plainHTTPURL(s); ok {
		return s, h, nil
	}
	p, err := ResolveURL(base, ref)
	if err != nil {
		return "", "", err
	}
	return p.String(), p.Hostname(), nil
}

// PlainHTTPURL reports whether s is a URL that SafeURLString, and
// ResolveURLString whatever the base, return exactly as written, with no
// error and without parsing it, and gives its host (the host they give):
// plainHTTPURL's shape, which has no space at either end to trim. An
// importer that has such a URL in hand knows it is safe and what its host
// is without going through either.
func PlainHTTPURL(s string) (host string, ok bool) { return plainHTTPURL(s) }

// plainHTTPURL reports whether s is an http(s) URL that SafeURL accepts
// and returns exactly as written, and gives its host. It accepts only this
// shape: "http://" or "https://" in lower case; a host of ASCII letters,
// digits, '.' and '-' (no port, no credentials); then optionally a path of
// RFC 3986's unreserved characters and '/'; then optionally '?' and a
// query of those and '=' and '&'. url.Parse keeps each of these parts as
// written (nothing to unescape, no fragment, no '%'), String writes them
// back unchanged, escapeRFC3986 finds nothing to escape, and none of
// SafeURL's refusals applies; anything else takes the full path.
func plainHTTPURL(s string) (host string, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(s, "https://"):
		rest = s[len("https://"):]
	case strings.HasPrefix(s, "http://"):
		rest = s[len("http://"):]
	default:
		return "", false
	}
	i := 0
	for i < len(rest) && hostByte(rest[i]) {
		i++
	}
	if i == 0 || i < len(rest) && rest[i] != '/' && rest[i] != '?' {
		return "", false
	}
	host = rest[:i]
	for ; i < len(rest) && rest[i] != '?'; i++ {
		if c := rest[i]; c != '/' && !unreservedByte(c) {
			return "", false
		}
	}
	for i++; i < len(rest); i++ {
		if c := rest[i]; c != '/' && c != '=' && c != '&' && c != '?' && !unreservedByte(c) {
			return "", false
		}
	}
	return host, true
}

// hostByte reports whether c may be in a plain URL's host (plainHTTPURL).
func hostByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-'
}

// unreservedByte reports whether c is one of RFC 3986's unreserved
// characters: ASCII letters, digits, '-', '.', '_' and '~'.
func unreservedByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
