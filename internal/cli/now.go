package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"cndtalks/model"
)

// The global --now flag and the now command: what is on in every room at
// a moment, the clock's or one replayed with --now.

// nowFlagHelp is --now's line in the help.
const nowFlagHelp = `replay moment TIME: RFC 3339, or "YYYY-MM-DD HH:MM" in the event's time zone; it drives 'now', day:today and the browser's n and Now view`

// checkNow rejects a --now that is no time in any zone, before anything is
// loaded; the zone of "YYYY-MM-DD HH:MM" is the catalogue's, known later.
func (a *app) checkNow() error {
	if a.nowFlag == "" {
		return nil
	}
	if _, err := model.ParseMoment(a.nowFlag, time.UTC); err != nil {
		return usageErrorf("--now: %v", err)
	}
	return nil
}

// moment is the time the commands work at: --now read in cat's zone, else
// the clock, in cat's zone either way (so dates and times print as the
// schedule shows them).
func (a *app) moment(cat *model.Catalogue) time.Time {
	loc := cat.Location()
	if a.nowFlag != "" {
		if t, err := model.ParseMoment(a.nowFlag, loc); err == nil {
			return t.In(loc)
		}
	}
	return time.Now().In(loc)
}

// clock is the browser's clock: the real one, or with --now one that starts
// at the moment given and runs on from it, so the Now view still moves.
func (a *app) clock(cat *model.Catalogue) func() time.Time {
	if a.nowFlag == "" {
		return nil
	}
	start, began := a.moment(cat), time.Now()
	return func() time.Time { return start.Add(time.Since(began)) }
}

// today is the value day:today stands for: the date of the moment.
func (a *app) today(cat *model.Catalogue) string {
	return a.moment(cat).Format(time.DateOnly)
}

func (a *app) newNowCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "now",
		Short: "print what is on now, and next, in every room",
		Long: `Prints, room by room, the talk on now (with the time it has left) and the
next one the same day, at the moment given with the global --now (RFC 3339,
or "YYYY-MM-DD HH:MM" in the event's time zone) or else now. Before the
conference it says when it starts and lists its first talks; after it, that
it is over. A catalogue without times is an error (exit 2).`,
		Example: `cndtalks --event fosdem23 now
cndtalks --catalog schedule.xml now --now "2023-02-04 11:00"
cndtalks now --json | jq -r '.rooms[] | select(.now | length > 0) | .room'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("now takes no arguments, got %s (a moment goes in --now)", model.QuoteLine(args[0]))
			}
			return a.now(asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the rooms as a JSON object")
	return cmd
}

// needTimes is the error of a schedule command on a catalogue without
// times.
func needTimes(cat *model.Catalogue, cmd string) error {
	return badInput(fmt.Errorf("%s: the catalogue %s has no times (%s needs a schedule: --catalog schedule.xml, or --event NAME)",
		cmd, model.QuoteLine(cat.Event.Name), cmd))
}

func (a *app) now(asJSON bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	if !cat.HasSchedule() {
		return needTimes(cat, "now")
	}
	b := model.NowNext(cat, a.moment(cat))
	if asJSON {
		return a.writeJSON(nowJSON(cat, b))
	}
	return a.write(nowText(cat, b))
}

// nowText is the board as text: a line on the moment, then per room the
// talk on now and the next.
func nowText(cat *model.Catalogue, b model.Board) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s, %s\n", model.SanitizeLine(cat.Event.Name), b.At.Format("Monday 2 January 2006 15:04 MST"))
	if h := b.Headline(); h != "" {
		s.WriteString(h + "\n")
	}
	if len(b.Rooms) == 0 {
		return s.String()
	}
	s.WriteByte('\n')
	for _, r := range b.Rooms {
		s.WriteString(roomName(r.Room) + "\n")
		for _, i := range r.Now {
			t := &cat.Talks[i]
			left := ""
			if t.Duration > 0 {
				left = " (" + model.Minutes(model.Left(t, b.At)) + " left)"
			}
			fmt.Fprintf(&s, "  now   %-11s  %s%s\n", model.TimeSpan(t), model.SanitizeLine(t.Title), left)
		}
		if r.Next >= 0 {
			t := &cat.Talks[r.Next]
			span := model.TimeSpan(t)
			if t.Start.Format(time.DateOnly) != b.At.Format(time.DateOnly) {
				span = t.Start.Format("Mon ") + span
			}
			fmt.Fprintf(&s, "  next  %-11s  %s (%s)\n", span, model.SanitizeLine(t.Title), model.Until(t.Start.Sub(b.At)))
		}
	}
	return s.String()
}

// roomName is a room for display; a talk without one is in "(no room)".
func roomName(r string) string {
	if r = model.SanitizeLine(r); r == "" {
		return "(no room)"
	}
	return r
}

// Shapes of now --json.
type (
	nowTalkJSON struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Start string `json:"start"`
		End   string `json:"end,omitempty"`
		// LeftMinutes is how long a talk on now has left; StartsInMinutes
		// how soon the next starts.
		LeftMinutes     *int `json:"left_minutes,omitempty"`
		StartsInMinutes *int `json:"starts_in_minutes,omitempty"`
	}
	nowRoomJSON struct {
		Room string        `json:"room"`
		Now  []nowTalkJSON `json:"now"`
		Next *nowTalkJSON  `json:"next"`
	}
	nowJSONOut struct {
		At       string        `json:"at"`
		Phase    string        `json:"phase"`
		Headline string        `json:"headline,omitempty"`
		Rooms    []nowRoomJSON `json:"rooms"`
	}
)

func nowJSON(cat *model.Catalogue, b model.Board) nowJSONOut {
	out := nowJSONOut{At: b.At.Format(time.RFC3339), Phase: [...]string{"before", "during", "after"}[b.Phase],
		Headline: b.Headline(), Rooms: []nowRoomJSON{}}
	talk := func(i int) nowTalkJSON {
		t := &cat.Talks[i]
		j := nowTalkJSON{ID: t.ID, Title: t.Title, Start: t.Start.Format(time.RFC3339)}
		if t.Duration > 0 {
			j.End = t.End().Format(time.RFC3339)
		}
		return j
	}
	for _, r := range b.Rooms {
		rj := nowRoomJSON{Room: r.Room, Now: []nowTalkJSON{}}
		for _, i := range r.Now {
			j := talk(i)
			if cat.Talks[i].Duration > 0 {
				left := int(model.Left(&cat.Talks[i], b.At).Minutes())
				j.LeftMinutes = &left
			}
			rj.Now = append(rj.Now, j)
		}
		if r.Next >= 0 {
			j := talk(r.Next)
			in := int((cat.Talks[r.Next].Start.Sub(b.At) + time.Minute - 1).Minutes())
			j.StartsInMinutes = &in
			rj.Next = &j
		}
		out.Rooms = append(out.Rooms, rj)
	}
	return out
}
