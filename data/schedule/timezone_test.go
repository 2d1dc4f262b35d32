package schedule_test

import (
	"cndtalks/data"
	"cndtalks/data/schedule"
	"os"
	"strings"
	"testing"
)

func TestImportZonelessSchedule(t *testing.T) {
	b, err := os.ReadFile("../testdata/import/zoneless.schedule.xml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, city, tz   string
		wantZone         string
		first, afterMidn string
		note             bool
	}{
		// The city table: Finowfurt is in Brandenburg.
		{"city table", "Finowfurt", "", "Europe/Berlin", "2011-08-10T14:00:00+02:00", "2011-08-11T00:30:00+02:00", true},
		// An unknown city: UTC, and said so.
		{"assumed UTC", "Nowhere", "", "UTC", "2011-08-10T14:00:00Z", "2011-08-11T00:30:00Z", true},
		// --tz wins over the city, legacy names included.
		{"--tz", "Finowfurt", "US/Eastern", "US/Eastern", "2011-08-10T14:00:00-04:00", "2011-08-11T00:30:00-04:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(b), "<city>Finowfurt</city>", "<city>"+tt.city+"</city>", 1)
			res, err := data.ParseWith("zoneless.schedule.xml", []byte(src), schedule.ImportOptions{TimeZone: tt.tz})
			if err != nil {
				t.Fatal(err)
			}
			c := res.Catalogue
			if c.Event.TimeZone != tt.wantZone {
				t.Errorf("TimeZone = %q, want %q", c.Event.TimeZone, tt.wantZone)
			}
			wantStart(t, mustTalk(t, c, "1"), tt.first, tt.wantZone, "2011-08-10")
			late := mustTalk(t, c, "2")
			wantStart(t, late, tt.afterMidn, tt.wantZone, "2011-08-10")
			if late.Duration != 0 {
				t.Errorf("duration = %v", late.Duration)
			}
			if got := len(res.Notes) > 0; got != tt.note {
				t.Errorf("notes = %q, want some: %v", res.Notes, tt.note)
			}
			page := c.EventMarkdown()
			if !strings.Contains(page, "**Time zone:** ") {
				t.Errorf("the Event page does not give the time zone:\n%s", page)
			}
			if tt.wantZone == "UTC" && !strings.Contains(page, "time zone assumed: UTC") {
				t.Errorf("the Event page does not say UTC was assumed:\n%s", page)
			}
			// No duration: the talk page gives no end.
			if md := c.TalkMarkdown(late); !strings.Contains(md, "00:30\n") && !strings.Contains(md, "00:30 ·") {
				t.Errorf("a talk with no duration shows an end:\n%s", md)
			}
		})
	}
	if _, err := data.ParseWith("zoneless.schedule.xml", b, schedule.ImportOptions{TimeZone: "Mars/Olympus"}); err == nil || !strings.Contains(err.Error(), `unknown time zone "Mars/Olympus"`) {
		t.Errorf("unknown --tz: err = %v", err)
	}
}

// TestRealZoneless reads the Chaos Communication Camp 2011 schedule, which
// gives no zone, no offset and a village for a city (SOURCES.md): its times
// are Europe/Berlin (the city table), and the events at 00:00, before the
// 06:00 day change, are on the next calendar day. The GOOD 2025 schedule
// names its zone with a legacy alias.
func TestRealZoneless(t *testing.T) {
	camp := loadReal(t, "pentabarf-camp-2011.schedule.xml")
	ev := camp.Catalogue.Event
	if ev.TimeZone != "Europe/Berlin" || !strings.Contains(ev.TimeZoneNote, "Finowfurt") || len(camp.Notes) != 1 {
		t.Errorf("zone %q, note %q, notes %q", ev.TimeZone, ev.TimeZoneNote, camp.Notes)
	}
	wantStart(t, mustTalk(t, camp.Catalogue, "4423"), "2011-08-11T00:00:00+02:00", "Europe/Berlin", "2011-08-10")
	good := loadReal(t, "pretalx-good-2025.schedule.xml")
	if good.Catalogue.Event.TimeZone != "US/Eastern" || good.Catalogue.Event.TimeZoneNote != "" || len(good.Notes) != 0 {
		t.Errorf("GOOD 2025: zone %q, note %q", good.Catalogue.Event.TimeZone, good.Catalogue.Event.TimeZoneNote)
	}
	if first := good.Catalogue.Talks[0].Start; first.Location().String() != "US/Eastern" {
		t.Errorf("GOOD 2025: first start %v", first)
	}
}
