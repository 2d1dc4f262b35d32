package schedule

import (
	"fmt"
	"strings"
	"time"

	"cndtalks/model"
)

// ImportOptions change how a schedule is imported.
type ImportOptions struct {
	// TimeZone, an IANA name ("Europe/Berlin", or a legacy alias such as
	// "US/Eastern"), is the zone of the schedule's local times, whatever the
	// file says or implies (cndtalks --tz). Empty: the file decides, see
	// scheduleLocation.
	TimeZone string
}

// Location loads the override zone, or returns nil when there is none.
func (o ImportOptions) Location() (*time.Location, error) {
	name := strings.TrimSpace(o.TimeZone)
	if name == "" {
		return nil, nil
	}
	if strings.ContainsAny(name, "\\") || strings.Contains(name, "..") {
		return nil, fmt.Errorf("unknown time zone %q", model.SanitizeLine(name))
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (expected an IANA name such as Europe/Berlin)", model.SanitizeLine(name))
	}
	return loc, nil
}

// cityZones maps the cities and sites of conferences that publish
// schedules without a time zone to their IANA zone, for the cities that are
// not an IANA zone name themselves (those are found by name: Brussels is
// Europe/Brussels). Keys are lower case. The README lists this table.
var cityZones = map[string]string{
	// Chaos Communication Camps and congresses.
	"finowfurt": "Europe/Berlin", "mildenberg": "Europe/Berlin", "zehdenick": "Europe/Berlin",
	"hamburg": "Europe/Berlin", "leipzig": "Europe/Berlin", "berlin": "Europe/Berlin",
	"karlsruhe": "Europe/Berlin", "munich": "Europe/Berlin", "münchen": "Europe/Berlin",
	"cologne": "Europe/Berlin", "köln": "Europe/Berlin", "frankfurt": "Europe/Berlin",
	"bruxelles": "Europe/Brussels", "ghent": "Europe/Brussels", "gent": "Europe/Brussels",
	"antwerp": "Europe/Brussels", "antwerpen": "Europe/Brussels",
	"geneva": "Europe/Zurich", "genève": "Europe/Zurich", "basel": "Europe/Zurich", "bern": "Europe/Zurich",
	"graz": "Europe/Vienna", "linz": "Europe/Vienna", "salzburg": "Europe/Vienna",
	"utrecht": "Europe/Amsterdam", "rotterdam": "Europe/Amsterdam", "the hague": "Europe/Amsterdam",
	"eindhoven": "Europe/Amsterdam", "delft": "Europe/Amsterdam", "zeewolde": "Europe/Amsterdam",
	"milan": "Europe/Rome", "milano": "Europe/Rome", "turin": "Europe/Rome", "torino": "Europe/Rome",
	"pescara": "Europe/Rome", "florence": "Europe/Rome", "firenze": "Europe/Rome", "bologna": "Europe/Rome",
	"barcelona": "Europe/Madrid", "valencia": "Europe/Madrid", "seville": "Europe/Madrid",
	"porto": "Europe/Lisbon", "lyon": "Europe/Paris", "marseille": "Europe/Paris", "toulouse": "Europe/Paris",
	"edinburgh": "Europe/London", "manchester": "Europe/London", "cardiff": "Europe/London",
	"gothenburg": "Europe/Stockholm", "göteborg": "Europe/Stockholm", "kraków": "Europe/Warsaw",
	"krakow": "Europe/Warsaw", "brno": "Europe/Prague", "tallinn": "Europe/Tallinn",
	"san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles", "portland": "America/Los_Angeles",
	"pasadena": "America/Los_Angeles", "san diego": "America/Los_Angeles", "las vegas": "America/Los_Angeles",
	"austin": "America/Chicago", "washington": "America/New_York", "boston": "America/New_York",
	"pittsburgh": "America/New_York", "atlanta": "America/New_York", "montreal": "America/Toronto",
	"montréal": "America/Toronto", "ottawa": "America/Toronto",
	"adelaide": "Australia/Adelaide", "canberra": "Australia/Sydney",
	"kyoto": "Asia/Tokyo", "osaka": "Asia/Tokyo", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata",
}

// zoneRegions are the IANA regions a city name is tried in.
var zoneRegions = []string{"Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian"}

// cityZone finds the zone of a conference city: the table first, then the
// IANA zone of that name. It returns "" when neither knows the city.
func cityZone(city string) string {
	city = strings.ToLower(strings.Join(strings.Fields(model.SanitizeLine(city)), " "))
	if city == "" {
		return ""
	}
	// "Ghent, Belgium" and "Finowfurt (Brandenburg)": the city comes first.
	if i := strings.IndexAny(city, ",(/"); i > 0 {
		city = strings.TrimSpace(city[:i])
	}
	if z, ok := cityZones[city]; ok {
		return z
	}
	words := strings.Fields(city)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	zone := strings.Join(words, "_")
	if strings.ContainsAny(zone, ".\\") || zone == "" {
		return ""
	}
	for _, region := range zoneRegions {
		if _, err := time.LoadLocation(region + "/" + zone); err == nil {
			return region + "/" + zone
		}
	}
	return ""
}

// tzAssumedUTC is the note of a schedule that gives no zone at all.
const tzAssumedUTC = "time zone assumed: UTC (the schedule names no zone, gives no UTC offset and its city is not in the city table; use --tz to set it)"

// scheduleLocation finds the zone of a schedule's local times, in order:
//
//  1. the override (cndtalks --tz);
//  2. the zone the export names (time_zone_name; legacy aliases such as
//     US/Eastern work);
//  3. the UTC offset of its first full date-time (an event's date, a day's
//     start): the conference city's zone when it has that offset then,
//     else the fixed offset;
//  4. the zone of the conference city (cityZone);
//  5. UTC, with a note saying it was assumed.
//
// It returns the location, the IANA name to record ("" when only an offset
// is known) and a note for the Event page when the zone was not given.
func scheduleLocation(conf schedConf, events []schedEvent, override *time.Location) (loc *time.Location, name, note string) {
	if override != nil {
		return override, override.String(), override.String() + ", set with --tz"
	}
	if name := strings.TrimSpace(conf.TimeZone); name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, name, ""
		}
	}
	city := cityZone(conf.City)
	for _, s := range []string{eventsFirstDate(events), conf.Start} {
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
		if err != nil {
			continue
		}
		_, off := t.Zone()
		if city != "" {
			if cl, err := time.LoadLocation(city); err == nil {
				if _, coff := t.In(cl).Zone(); coff == off {
					return cl, city, ""
				}
			}
		}
		if off == 0 {
			return time.UTC, "UTC", ""
		}
		return time.FixedZone(offsetName(off), off), "", ""
	}
	if city != "" {
		if cl, err := time.LoadLocation(city); err == nil {
			return cl, city, fmt.Sprintf("%s, the zone of the conference city (%s): the schedule names none", city, model.SanitizeLine(conf.City))
		}
	}
	return time.UTC, "UTC", tzAssumedUTC
}
