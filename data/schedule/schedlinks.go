package schedule

import (
	"fmt"
	"net"
	"slices"
	"strings"

	"cndtalks/internal/opcount"
	"cndtalks/model"
)

// labelWords is a set of what the words of a link's label say the link
// is.
type labelWords uint8

const (
	saysSlides labelWords = 1 << iota
	saysRecording
	saysVideo
	saysPaper
	saysChat
	saysFeedback
)

// wordsSaying are the words in a link's label that say what it is,
// matched as whole ASCII words ignoring case ("Video recording (WebM/VP9,
// 101M)", "Folien (PDF export)"), by their length: each is lower case
// ASCII letters, at most maxLabelWord of them. Plain comparisons, not
// regular expressions: FOSDEM alone has 5,000 links.
var wordsSaying = func() (byLen [maxLabelWord + 1][]saying) {
	for _, w := range []saying{
		{"slide", saysSlides}, {"slides", saysSlides}, {"slidedeck", saysSlides}, {"folien", saysSlides}, {"presentation", saysSlides},
		{"recording", saysRecording}, {"recordings", saysRecording}, {"aufzeichnung", saysRecording}, {"mitschnitt", saysRecording},
		{"video", saysVideo}, {"videos", saysVideo}, {"stream", saysVideo}, {"clip", saysVideo},
		{"paper", saysPaper}, {"article", saysPaper}, {"preprint", saysPaper},
		{"chat", saysChat}, {"matrix", saysChat}, {"discord", saysChat}, {"forum", saysChat}, {"mastodon", saysChat},
		{"feedback", saysFeedback}, {"rate", saysFeedback}, {"rating", saysFeedback},
	} {
		byLen[len(w.word)] = append(byLen[len(w.word)], w)
	}
	return byLen
}()

// saying is a word of wordsSaying and what it says.
type saying struct {
	word string
	says labelWords
}

// maxLabelWord is the length of the longest word of wordsSaying.
const maxLabelWord = 12

// labelSays returns what the words of label say the link is: one pass
// over it, comparing each word in place with those of its length (no
// lower-case copy).
func labelSays(label string) labelWords {
	var says labelWords
	for i := 0; i < len(label); {
		if !labelWordByte(label[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(label) && labelWordByte(label[j]) {
			j++
		}
		if j-i <= maxLabelWord {
			for _, w := range wordsSaying[j-i] {
				if equalLower(label[i:j], w.word) {
					says |= w.says
				}
			}
		}
		i = j
	}
	return says
}

// labelWordByte reports whether c is part of a word of a label: an ASCII
// letter or digit, or '_'.
func labelWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// equalLower reports whether s is lower, a word of lower case ASCII
// letters of s's length, ignoring the case of ASCII letters in s. For
// such a lower, c|0x20 is one of its letters only when c is that letter
// in either case.
func equalLower(s, lower string) bool {
	for k := 0; k < len(lower); k++ {
		if s[k]|0x20 != lower[k] {
			return false
		}
	}
	return true
}

// recordingHosts publish events' own recordings: a link there (or to a
// video file of the event's) is the talk's recording, not a clip.
var recordingHosts = []string{"media.ccc.de", "video.fosdem.org"}

// videoHosts publish videos of any kind: a link there is a video, not a
// page.
var videoHosts = []string{"youtube.com", "youtu.be", "vimeo.com", "peertube.tv", "tube.tchncs.de"}

// onHost reports whether host is one of hosts or a subdomain of one.
func onHost(host string, hosts []string) bool {
	host = strings.ToLower(host)
	for _, h := range hosts {
		if host == h || len(host) > len(h) && host[len(host)-len(h)-1] == '.' && host[len(host)-len(h):] == h {
			return true
		}
	}
	return false
}

// linkKind gives a link its role for the talk: what the export says it
// is, then where it points, then its label. host is the URL's host.
//
//   - the talk's own recording: a video file linked by the schedule (not
//     attached by the speaker), or any link to a recording host;
//   - other videos: video attachments (clips the speaker attached), video
//     sites, labels that say video;
//   - slides, paper, community (chat), feedback: by type or label;
//   - anything else is a web page.
func linkKind(l schedLink, u, host string) model.LinkKind {
	file := model.IsVideoFile(u)
	switch strings.ToLower(strings.TrimSpace(l.Type)) {
	case "slides", "slide", "presentation":
		return model.LinkSlides
	case "recording":
		return model.LinkRecording
	case "video":
		if !l.Attachment && (file || onHost(host, recordingHosts)) {
			return model.LinkRecording
		}
		return model.LinkVideo
	case "paper":
		return model.LinkPaper
	}
	switch {
	case onHost(host, recordingHosts), file && !l.Attachment:
		return model.LinkRecording
	case file:
		return model.LinkVideo
	}
	says := labelSays(l.Title)
	switch {
	case says&saysSlides != 0:
		return model.LinkSlides
	case says&saysFeedback != 0:
		return model.LinkFeedback
	case says&saysRecording != 0 && !l.Attachment:
		return model.LinkRecording
	case says&(saysVideo|saysRecording) != 0, onHost(host, videoHosts):
		return model.LinkVideo
	case says&saysPaper != 0:
		return model.LinkPaper
	case says&saysChat != 0:
		return model.LinkCommunity
	}
	return model.LinkWeb
}

// links types and resolves an event's links and attachments, then adds
// the event's own typed URLs: its page (url, origin_url), its recording
// (video_download_url) and its feedback form (feedback_url). Links that
// cannot be opened safely are dropped with a note; a URL listed twice is
// kept once.
func (b *eventBuilder) links(e *schedEvent, base string) []model.Link {
	links := e.Links
	if len(links) > maxTalkLinks {
		b.skip(SkipLink, e.record(), fmt.Sprintf("past the limit of %d links per talk", maxTalkLinks), fmt.Sprintf("%d links", len(links)-maxTalkLinks), len(links)-maxTalkLinks)
		links = links[:maxTalkLinks]
	}
	// The URLs already in out: a talk of a few links looks along out, a
	// bigger one keeps them in a set too (urls), so that a long list
	// stays linear.
	small := len(links) <= smallTalkLinks
	if !small {
		clear(b.urls)
	}
	// The event's own typed URLs, in typedLinks' order.
	raws := [len(typedLinks)]string{e.URL, e.OriginURL, e.VideoURL, e.FeedbackURL}
	n := len(links)
	for _, raw := range raws {
		if strings.TrimSpace(raw) != "" {
			n++
		}
	}
	out := b.linkSlab.take(n)
	for _, l := range links {
		what := "link"
		if l.Attachment {
			what = "attachment"
		}
		u, host, ok := b.linkURL(e, l.URL, what, l.FromText, base)
		if !ok {
			continue
		}
		if l.FromText {
			b.skip(SkipRepair, e.record(), "link with its URL as text and no href: URL read from the text", "")
		}
		if _, dup := b.linkAt(out, u, small); dup {
			b.skip(SkipRepair, e.record(), "the same URL listed twice: kept once", u)
			continue
		}
		label := model.SanitizeLine(l.Title)
		if label == u || label == strings.TrimSpace(l.URL) {
			label = ""
		}
		label = b.line(e, "link label", label)
		if !small {
			b.urls[u] = len(out)
		}
		out = append(out, model.Link{Kind: linkKind(l, u, host), URL: u, Label: label})
	}
	for k, raw := range raws {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		typed := &typedLinks[k]
		u, _, ok := b.linkURL(e, raw, typed.field, false, base)
		if !ok {
			continue
		}
		if i, dup := b.linkAt(out, u, small); dup {
			// The export says what the link is: that beats a guess.
			if out[i].Kind == model.LinkWeb {
				out[i].Kind = typed.kind
			}
			continue
		}
		if !small {
			b.urls[u] = len(out)
		}
		out = append(out, model.Link{Kind: typed.kind, URL: u, Label: typed.label})
	}
	return out
}

// typedLinks are the event's own typed URLs that links adds after its
// links: the field each comes from, its label and its kind.
var typedLinks = [...]struct {
	field, label string
	kind         model.LinkKind
}{
	{"url", "Talk page", model.LinkPage},
	{"origin_url", "Talk page at its source", model.LinkPage},
	{"video_download_url", "Recording", model.LinkRecording},
	{"feedback_url", "Feedback", model.LinkFeedback},
}

// smallTalkLinks is the number of links up to which links finds a URL
// listed twice by looking along the links kept: for a few, that is
// cheaper than a set cleared for every talk. The event's own four typed
// URLs come on top.
const smallTalkLinks = 8

// linkAt returns where out, the links kept so far, has the URL u, looking
// along out when small, else in the set of their URLs.
func (b *eventBuilder) linkAt(out []model.Link, u string, small bool) (int, bool) {
	opcount.Add(1)
	if small {
		i := slices.IndexFunc(out, func(l model.Link) bool { return l.URL == u })
		return i, i >= 0
	}
	i, ok := b.urls[u]
	return i, ok
}

// linkURL turns a link's URL as the export wrote it into one to open, or
// notes why there is none. what names the link in notes ("link",
// "attachment", "feedback_url"); fromText is set for a URL given as a
// link's text, which is never resolved as a relative path.
func (b *eventBuilder) linkURL(e *schedEvent, raw, what string, fromText bool, base string) (u, host string, ok bool) {
	raw = strings.TrimSpace(raw)
	// The usual link is a plain http(s) URL (model.PlainHTTPURL) with a
	// domain name for host. None of linkURLChecked's notes or repairs
	// applies to it (no mailto, no '#', no second scheme, not a bare
	// host, a scheme for a URL given as text), and the resolving and the
	// safety check return it as it is, with its host: the same result,
	// without testing each case in turn and reading it four times more
	// (FuzzLinkURLPlain compares the two).
	if host, ok := model.PlainHTTPURL(raw); ok && len(raw) <= model.MaxLineLength && domainLabels(host) {
		return raw, host, true
	}
	return b.linkURLChecked(e, raw, what, fromText, base)
}

// linkURLChecked is linkURL for any raw, trimmed, going through each case.
func (b *eventBuilder) linkURLChecked(e *schedEvent, raw, what string, fromText bool, base string) (u, host string, ok bool) {
	switch {
	case raw == "":
		b.skip(SkipLink, e.record(), what+" with no URL", "")
		return "", "", false
	case hasScheme(raw, "mailto"):
		b.skip(SkipLink, e.record(), "e-mail address (mailto:): not a link to open", "")
		return "", "", false
	case len(raw) > model.MaxLineLength:
		b.skip(SkipLink, e.record(), fmt.Sprintf("URL longer than %d bytes", model.MaxLineLength), fmt.Sprintf("%d bytes", len(raw)))
		return "", "", false
	case strings.HasPrefix(raw, "#"):
		b.skip(SkipLink, e.record(), "not a URL", model.QuoteLine(raw))
		return "", "", false
	}
	if twice := doubledScheme(raw); twice != "" {
		b.skip(SkipRepair, e.record(), "scheme written twice: read once", model.QuoteLine(raw))
		raw = twice
	}
	if bareHost(raw) {
		b.skip(SkipRepair, e.record(), "host name without a scheme: read as https://", model.QuoteLine(raw))
		raw = "https://" + raw
	} else if fromText && !hasScheme(raw, "http") && !hasScheme(raw, "https") {
		b.skip(SkipLink, e.record(), "not a URL", model.QuoteLine(raw))
		return "", "", false
	}
	u, host, err := model.ResolveURLString(base, raw)
	if err == nil {
		// The URL kept is one the catalogue's validation accepts as it
		// is, checked here while it is in the cache, so that the loader
		// need not look at every link again (Guaranteed, LinkURLsSafe).
		// SafeURL's output is one it accepts (FuzzSafeURL): this refuses
		// nothing that ResolveURLString accepted.
		_, _, err = model.SafeURLString(u)
	}
	if err != nil {
		b.skip(SkipLink, e.record(), "not a safe http(s) URL", err.Error())
		return "", "", false
	}
	if !domainHost(host) {
		b.skip(SkipLink, e.record(), "not a URL: its host is no domain name", model.QuoteLine(raw))
		return "", "", false
	}
	return u, host, true
}

// doubledScheme returns s without its first scheme when it starts with
// two ("https://https://example.org"), else "".
func doubledScheme(s string) string {
	for _, first := range []string{"https://", "http://"} {
		if len(s) > len(first) && strings.EqualFold(s[:len(first)], first) {
			rest := s[len(first):]
			if hasScheme(rest, "http") || hasScheme(rest, "https") {
				return rest
			}
		}
	}
	return ""
}

// domainHost reports whether host can name a machine on the web: an IP
// address, or dot-separated labels of letters, digits and hyphens
// ("none_yet" and "”RESCHEDULED”" are placeholders, not hosts).
func domainHost(host string) bool {
	// The labels first: nearly every host is a name, which ParseIP
	// would parse in vain.
	return domainLabels(host) || net.ParseIP(host) != nil
}

// domainLabels reports whether host is dot-separated labels of letters,
// digits and hyphens, at least two. One pass over the bytes, without
// splitting (one host per link).
func domainLabels(host string) bool {
	host = strings.TrimSuffix(host, ".")
	labels, start := 0, 0
	for i := 0; i <= len(host); i++ {
		if i < len(host) && host[i] != '.' {
			if c := host[i]; !(c == '-' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
				return false
			}
			continue
		}
		if l := host[start:i]; l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		labels, start = labels+1, i+1
	}
	return labels >= 2
}

// fileExts are the extensions a relative file name ends in, which a bare
// host's last label never is.
var fileExts = map[string]bool{
	"pdf": true, "html": true, "htm": true, "php": true, "txt": true, "md": true, "png": true, "jpg": true,
	"jpeg": true, "gif": true, "svg": true, "zip": true, "gz": true, "tar": true, "odp": true, "pptx": true,
	"ppt": true, "key": true, "mp4": true, "webm": true, "mkv": true, "mp3": true, "ogg": true, "json": true,
	"xml": true, "ics": true, "csv": true, "epub": true, "doc": true, "docx": true, "odt": true,
}

// bareHost reports whether s is a host or host/path written without a
// scheme ("www.example.org", "example.net/x"): relative references start
// otherwise ("/x", "../x", "slides.pdf").
func bareHost(s string) bool {
	if strings.Contains(s, "://") || strings.ContainsAny(s, " \\") || s[0] == '/' || s[0] == '.' {
		return false
	}
	host, rest, hasPath := strings.Cut(s, "/")
	if i := strings.IndexAny(host, "?#"); i >= 0 {
		host, hasPath = host[:i], true
	}
	if strings.Contains(host, ":") || !domainHost(host) || net.ParseIP(host) != nil {
		return false
	}
	tld := strings.ToLower(host[strings.LastIndexByte(host, '.')+1:])
	for i := 0; i < len(tld); i++ {
		if tld[i] < 'a' || tld[i] > 'z' {
			return false
		}
	}
	_ = rest
	return len(tld) >= 2 && (hasPath || strings.HasPrefix(strings.ToLower(host), "www.") || !fileExts[tld])
}

func hasScheme(s, scheme string) bool {
	return len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) && s[len(scheme)] == ':'
}
