package model

import "testing"

func TestVideoAndMainLinkOrder(t *testing.T) {
	var (
		slides  = Link{Kind: LinkSlides, URL: "https://e.org/s.pdf"}
		page    = Link{Kind: LinkPage, URL: "https://e.org/talk/1"}
		web     = Link{Kind: LinkWeb, URL: "https://e.org/more"}
		clip    = Link{Kind: LinkVideo, URL: "https://youtu.be/x"}
		clipMP4 = Link{Kind: LinkVideo, URL: "https://e.org/clip.mp4"}
		recWebm = Link{Kind: LinkRecording, URL: "https://video.e.org/1.webm"}
		recPage = Link{Kind: LinkRecording, URL: "https://media.e.org/v/1"}
		chat    = Link{Kind: LinkCommunity, URL: "https://chat.e.org/"}
		bad     = Link{Kind: LinkSlides, URL: "javascript:alert(1)"}
	)
	tests := []struct {
		name        string
		links       []Link
		video, main Link
		noVideo     bool
	}{
		{"own recording before an attached clip", []Link{clip, recWebm, slides}, recWebm, slides, false},
		{"a recording page before its file", []Link{recWebm, recPage}, recPage, recPage, false},
		{"a clip page before a clip file", []Link{clipMP4, clip}, clip, clip, false},
		{"the talk's page when there are no slides", []Link{web, chat, page, recWebm}, recWebm, page, false},
		{"a raw file only when nothing else", []Link{recWebm}, recWebm, recWebm, false},
		{"anything before a raw file", []Link{recWebm, chat}, recWebm, chat, false},
		{"no video", []Link{web}, Link{}, web, true},
		{"an unsafe link never wins", []Link{bad, page}, Link{}, page, true},
	}
	for _, tt := range tests {
		tk := &Talk{Links: tt.links}
		v, ok := tk.VideoLink()
		if ok == tt.noVideo || v != tt.video {
			t.Errorf("%s: VideoLink = %v %v, want %v", tt.name, v, ok, tt.video)
		}
		if m, _ := tk.MainLink(); m != tt.main {
			t.Errorf("%s: MainLink = %v, want %v", tt.name, m, tt.main)
		}
	}
}
