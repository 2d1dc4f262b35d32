package data

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestScheduleLocation(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	events := func(date string) []schedEvent { return []schedEvent{{Date: date}} }
	tests := []struct {
		name     string
		conf     schedConf
		events   []schedEvent
		override *time.Location
		zone     string // the location's name
		tzName   string // what Event.TimeZone records
		note     string // a prefix of the note, "" for none
	}{
		{"named zone", schedConf{TimeZone: "Europe/Brussels", City: "Finowfurt"}, nil, nil, "Europe/Brussels", "Europe/Brussels", ""},
		{"legacy alias", schedConf{TimeZone: "US/Eastern"}, nil, nil, "US/Eastern", "US/Eastern", ""},
		{"offset only", schedConf{}, events("2018-12-27T11:00:00+01:00"), nil, "UTC+01:00", "", ""},
		{"offset of the day start", schedConf{}, []schedEvent{{Day: &schedDay{Start: "2025-03-17T04:00:00-04:00"}}}, nil, "UTC-04:00", "", ""},
		{"offset and a city that has it", schedConf{City: "Hamburg"}, events("2018-12-27T11:00:00+01:00"), nil, "Europe/Berlin", "Europe/Berlin", ""},
		{"offset and a city that has not", schedConf{City: "Hamburg"}, events("2018-12-27T11:00:00+05:00"), nil, "UTC+05:00", "", ""},
		{"offset zero", schedConf{}, events("2018-12-27T11:00:00Z"), nil, "UTC", "UTC", ""},
		{"city table", schedConf{City: "Finowfurt"}, nil, nil, "Europe/Berlin", "Europe/Berlin", "Europe/Berlin, the zone of the conference city (Finowfurt)"},
		{"city with a region", schedConf{City: "Ghent, Belgium"}, nil, nil, "Europe/Brussels", "Europe/Brussels", "Europe/Brussels, the zone"},
		{"IANA city", schedConf{City: "Brussels"}, nil, nil, "Europe/Brussels", "Europe/Brussels", "Europe/Brussels, the zone"},
		{"IANA city of two words", schedConf{City: "new york"}, nil, nil, "America/New_York", "America/New_York", "America/New_York, the zone"},
		{"unknown city", schedConf{City: "Nowhere"}, nil, nil, "UTC", "UTC", "time zone assumed: UTC"},
		{"nothing", schedConf{}, nil, nil, "UTC", "UTC", "time zone assumed: UTC"},
		{"a path is no city", schedConf{City: "../../etc/passwd"}, nil, nil, "UTC", "UTC", "time zone assumed: UTC"},
		{"override wins", schedConf{TimeZone: "Europe/Brussels"}, events("2018-12-27T11:00:00+01:00"), berlin, "Europe/Berlin", "Europe/Berlin", "Europe/Berlin, set with --tz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, name, note := scheduleLocation(tt.conf, tt.events, tt.override)
			if loc.String() != tt.zone || name != tt.tzName {
				t.Errorf("zone = %q, %q; want %q, %q", loc, name, tt.zone, tt.tzName)
			}
			if (tt.note == "") != (note == "") || !strings.HasPrefix(note, tt.note) {
				t.Errorf("note = %q, want one starting %q", note, tt.note)
			}
		})
	}
}

func TestImportZonelessSchedule(t *testing.T) {
	b, err := os.ReadFile("testdata/import/zoneless.schedule.xml")
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
			res, err := ParseWith("zoneless.schedule.xml", []byte(src), ImportOptions{TimeZone: tt.tz})
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
	if _, err := ParseWith("zoneless.schedule.xml", b, ImportOptions{TimeZone: "Mars/Olympus"}); err == nil || !strings.Contains(err.Error(), `unknown time zone "Mars/Olympus"`) {
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
